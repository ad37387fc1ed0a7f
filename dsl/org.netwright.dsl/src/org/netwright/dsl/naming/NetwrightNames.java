package org.netwright.dsl.naming;

import java.util.List;

import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.netwright.model.Namespace;
import org.netwright.model.NamespaceExtension;
import org.netwright.model.NetwrightPackage;

/** Naming helpers shared by scoping and qualified-name computation. */
public final class NetwrightNames {

	private NetwrightNames() {
	}

	/**
	 * Name of the namespace an {@code extend} block targets, read from the source text when available
	 * (no linking, so it is safe while scopes are being computed), else from the resolved reference.
	 */
	public static String extensionTargetName(NamespaceExtension extension) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(extension,
				NetwrightPackage.Literals.NAMESPACE_EXTENSION__NAMESPACE);
		if (!nodes.isEmpty()) {
			String text = NodeModelUtils.getTokenText(nodes.get(0));
			if (text != null && !text.isBlank()) {
				return text.startsWith("^") ? text.substring(1) : text;
			}
		}
		Namespace ns = (Namespace) extension.eGet(NetwrightPackage.Literals.NAMESPACE_EXTENSION__NAMESPACE, false);
		if (ns != null && !ns.eIsProxy()) {
			return ns.getName();
		}
		return null;
	}
}
