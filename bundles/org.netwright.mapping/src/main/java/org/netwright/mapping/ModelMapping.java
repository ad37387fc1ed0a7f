package org.netwright.mapping;

import java.util.List;

import org.netwright.engine.NetworkView;
import org.netwright.engine.Probe;

/**
 * Result of {@link ModelToEngine}: the engine view, the issues found (errors make the view incomplete),
 * and the mapper itself for turning the model's probes into engine probes.
 */
public final class ModelMapping {
    private final NetworkView view;
    private final List<MappingIssue> issues;
    private final ModelToEngine mapper;

    ModelMapping(NetworkView view, List<MappingIssue> issues, ModelToEngine mapper) {
        this.view = view;
        this.issues = List.copyOf(issues);
        this.mapper = mapper;
    }

    public NetworkView view() {
        return view;
    }

    public List<MappingIssue> issues() {
        return issues;
    }

    public List<MappingIssue> errors() {
        return issues.stream().filter(MappingIssue::isError).toList();
    }

    public List<MappingIssue> warnings() {
        return issues.stream().filter(i -> !i.isError()).toList();
    }

    public boolean hasErrors() {
        return issues.stream().anyMatch(MappingIssue::isError);
    }

    public SourceLocator locator() {
        return mapper.locator();
    }

    /** The engine probe of a model probe; throws {@link ModelException} when it cannot be built. */
    public Probe probe(org.netwright.model.Probe p) {
        return mapper.probe(p);
    }
}
