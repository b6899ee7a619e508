package org.wijklab.benchmarks;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model's state takes, part by part, counted from its objects instead of the heap: every
 * array and object reachable from the model's fields, each counted once (by the first of the
 * model's fields, in declaration order, that reaches it), an array as a 16-byte header plus its
 * elements, an object as a 12-byte header plus its fields, both rounded up to 8 bytes (a 64-bit
 * JVM with compressed references). Unlike the heap after a collection it does not depend on the
 * collector or its regions. Objects of the JDK whose fields cannot be opened count their header
 * and fields without what they reach; static fields and threads are not followed.
 */
final class Footprint {

    private Footprint() {
    }

    /** Bytes per part: the model's own fields by name, plus "model" for its own object. */
    static Map<String, Long> byPart(Object model) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        Map<String, Long> parts = new LinkedHashMap<>();
        seen.put(model, Boolean.TRUE);
        parts.put("model", shallow(model));
        for (Field f : fields(model.getClass())) {
            Object o = read(f, model);
            if (o == null || f.getType().isPrimitive()) {
                continue;
            }
            long bytes = reach(o, seen);
            if (bytes > 0) {
                parts.merge(f.getName(), bytes, Long::sum);
            }
        }
        return parts;
    }

    /** Bytes of everything reachable from o not seen before. */
    private static long reach(Object root, IdentityHashMap<Object, Boolean> seen) {
        long bytes = 0;
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (seen.put(o, Boolean.TRUE) != null || o instanceof Thread) {
                continue;
            }
            bytes += shallow(o);
            Class<?> c = o.getClass();
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive()) {
                    for (int i = 0, n = Array.getLength(o); i < n; i++) {
                        Object e = Array.get(o, i);
                        if (e != null) {
                            todo.push(e);
                        }
                    }
                }
                continue;
            }
            for (Field f : fields(c)) {
                Object e = f.getType().isPrimitive() ? null : read(f, o);
                if (e != null) {
                    todo.push(e);
                }
            }
        }
        return bytes;
    }

    /** An object's or array's own bytes. */
    static long shallow(Object o) {
        Class<?> c = o.getClass();
        if (c.isArray()) {
            return align(16 + (long) Array.getLength(o) * width(c.getComponentType()));
        }
        long b = 12;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    b += width(f.getType());
                }
            }
        }
        return align(b);
    }

    private static int width(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4; // int, float, a compressed reference
    }

    private static long align(long b) {
        return (b + 7) & ~7L;
    }

    /** The instance fields of c and its superclasses that can be read (the JDK's may not open). */
    private static java.util.List<Field> fields(Class<?> c) {
        java.util.List<Field> out = new java.util.ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    out.add(f);
                } catch (RuntimeException closed) {
                    // a JDK class's field this module may not open: counted in its object, not followed
                }
            }
        }
        return out;
    }

    private static Object read(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            return null;
        }
    }
}
