package org.wijklab.model;

import java.util.Arrays;

/**
 * People about to form a household of their own: children leaving home and partners after a
 * separation. They still live (and are counted) in their parent household until they find a
 * dwelling; then they become a household. The pool is small (a few per thousand households).
 */
public final class Pending implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final byte STARTER = 0;
    public static final byte SEPARATED = 1;

    private int size;
    public int[] parentId = new int[256];
    /** The person who waits: a child of the parent household (starters) or the second adult (a separated partner); its own state is in {@code Persons}. */
    public int[] person = new int[256];
    public byte[] kind = new byte[256];
    public byte[] status = new byte[256];
    public byte[] mental = new byte[256];
    public int[] since = new int[256];

    public int size() {
        return size;
    }

    public int add(int parent, int who, byte k, byte st, byte mh, int tick) {
        if (size == parentId.length) {
            int n = size * 2;
            parentId = Arrays.copyOf(parentId, n);
            person = Arrays.copyOf(person, n);
            kind = Arrays.copyOf(kind, n);
            status = Arrays.copyOf(status, n);
            mental = Arrays.copyOf(mental, n);
            since = Arrays.copyOf(since, n);
        }
        int i = size++;
        parentId[i] = parent;
        person[i] = who;
        kind[i] = k;
        status[i] = st;
        mental[i] = mh;
        since[i] = tick;
        return i;
    }

    /** Empties the pool (keeps its arrays). */
    public void clear() {
        size = 0;
    }

    /** Removes entry i by moving the last entry into its place. */
    public void remove(int i) {
        int last = --size;
        parentId[i] = parentId[last];
        person[i] = person[last];
        kind[i] = kind[last];
        status[i] = status[last];
        mental[i] = mental[last];
        since[i] = since[last];
    }
}
