package org.netwright.dsl.naming;

import org.eclipse.xtext.naming.IQualifiedNameConverter;

/** Qualified names are written {@code namespace:element} since element names may contain dots. */
public class NetwrightQualifiedNameConverter extends IQualifiedNameConverter.DefaultImpl {

    public static final String DELIMITER = ":";

    @Override
    public String getDelimiter() {
        return DELIMITER;
    }
}
