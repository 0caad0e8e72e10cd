package org.loanetl.spark;

import java.io.Serializable;
import java.util.List;

/**
 * The folders, prefixes or files the Hadoop source loads from, in location form without a trailing slash, and where
 * {@code archive} puts their files. Serializable, shipped with the source.
 *
 * @param roots   the roots, in the order given
 * @param archive the configured archive location, or {@code null} for an {@code archive} folder inside each listed
 *                folder (beside a listed file), which listing then leaves out
 */
record HadoopRoots(List<String> roots, String archive) implements Serializable {

    HadoopRoots {
        roots = List.copyOf(roots);
    }

    /** Roots and archive as the user gave them (local paths, {@code file:}, {@code s3://}, {@code s3a://} URIs). */
    static HadoopRoots of(List<String> given, String archive) {
        return new HadoopRoots(given.stream().map(HadoopLocations::normalize).map(HadoopRoots::trimSlash).toList(),
                archive == null ? null : trimSlash(HadoopLocations.normalize(archive)));
    }

    /** Whether a file or zip lies under one of the roots. */
    boolean owns(String object) {
        return roots.stream().anyMatch(r -> HadoopLocations.under(object, r));
    }

    /** The first root a file or zip lies under (the one it is archived relative to), or the file itself. */
    String rootOf(String object) {
        return roots.stream().filter(r -> HadoopLocations.under(object, r)).findFirst().orElse(object);
    }

    /** Where {@code archive} puts files listed from this root: the configured location, or {@code archive} beside them. */
    String archiveFolder(String root, boolean rootIsFile) {
        if (archive != null) {
            return archive;
        }
        return join(rootIsFile ? HadoopLocations.parent(root) : root, "archive");
    }

    static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String trimSlash(String location) {
        String trimmed = location;
        while (trimmed.endsWith("/") && !trimmed.equals("file:/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
