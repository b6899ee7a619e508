package org.wijklab.observation;

import java.io.Closeable;
import java.io.Serializable;

/**
 * One output file of a run, written as the run goes: a checkpoint carries the writer's state (its
 * {@link Csv} without the open file) and the file's bytes so far; on resume the bytes are copied
 * into the new folder and the file is {@link Csv#reopen reopened} for appending.
 */
public interface OutputFile extends Closeable, Serializable {
    /** The file this writes. */
    Csv csv();

    /** Closes the file (writers that hold more than their file override this). */
    @Override
    default void close() {
        csv().close();
    }
}
