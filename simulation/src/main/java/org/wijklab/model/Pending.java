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
    /** The person who waits: a child of the parent household (starters); unused (-1) for a separated partner. */
    public int[] person = new int[256];
    public byte[] kind = new byte[256];
    public byte[] education = new byte[256];
    public int[] birthTick = new int[256];
    public byte[] status = new byte[256];
    public byte[] mental = new byte[256];
    public float[] wage = new float[256];
    public int[] since = new int[256];

    public int size() {
        return size;
    }

    public int add(int parent, int who, byte k, byte edu, int birth, byte st, byte mh, float w, int tick) {
        if (size == parentId.length) {
            int n = size * 2;
            parentId = Arrays.copyOf(parentId, n);
            person = Arrays.copyOf(person, n);
            kind = Arrays.copyOf(kind, n);
            education = Arrays.copyOf(education, n);
            birthTick = Arrays.copyOf(birthTick, n);
            status = Arrays.copyOf(status, n);
            mental = Arrays.copyOf(mental, n);
            wage = Arrays.copyOf(wage, n);
            since = Arrays.copyOf(since, n);
        }
        int i = size++;
        parentId[i] = parent;
        person[i] = who;
        kind[i] = k;
        education[i] = edu;
        birthTick[i] = birth;
        status[i] = st;
        mental[i] = mh;
        wage[i] = w;
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
        education[i] = education[last];
        birthTick[i] = birthTick[last];
        status[i] = status[last];
        mental[i] = mental[last];
        wage[i] = wage[last];
        since[i] = since[last];
    }
}
