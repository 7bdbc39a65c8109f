package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The standard detector set and the one way to run it. */
public final class Detectors {

    private Detectors() {
    }

    public static List<Detector> standard() {
        return List.of();
    }

    public static List<Finding> run(Snapshot snapshot, DetectOptions options, List<Detector> detectors) {
        List<Finding> out = new ArrayList<>();
        for (Detector d : detectors) {
            out.addAll(d.detect(snapshot, options));
        }
        out.sort(Comparator.comparing(Finding::severity));
        return out;
    }
}
