package io.strato.network.dataplane;

import java.util.Set;
import java.util.stream.Collectors;

/** A network of a segmentation type this host's kernel cannot carry was asked for. */
public class UnsupportedSegmentationException extends DataplaneException {
    private final SegmentationType type;

    public UnsupportedSegmentationException(SegmentationType type, String problem, Set<SegmentationType> supported) {
        super(Reason.UNSUPPORTED, "this host's kernel has no " + type.name() + " support (" + problem + "); "
                + type.networkType() + " networks cannot be created here; "
                + supported.stream().map(SegmentationType::networkType).collect(Collectors.joining(" and "))
                + " networks work");
        this.type = type;
    }

    public SegmentationType type() {
        return type;
    }
}
