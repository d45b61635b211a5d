package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.ropebounds.model.GgufFile;
import org.ropebounds.model.GgufModel;

/** What {@code model --config FILE.gguf} adds: the GGUF values read and the llama.cpp flag overriding each. */
final class GgufJson {
    private GgufJson() {
    }

    /** The {@code gguf} object of model --json (schema model, property gguf). */
    static ObjectNode of(GgufModel g) {
        ObjectNode o = Json.object();
        o.put("version", g.file().version());
        o.put("architecture", ((GgufFile.Text) g.file().metadata().get("general.architecture")).value());
        ArrayNode flags = o.putArray("llama_cpp_flags");
        for (GgufModel.LlamaCppFlag f : g.overrides()) {
            ObjectNode fo = flags.addObject();
            fo.put("key", f.key());
            fo.put("value", f.value());
            fo.put("defaulted", f.defaulted());
            fo.put("flag", f.flag());
        }
        return o;
    }

    /** The same as a text table, after a blank line. */
    static void printFlags(PrintWriter out, GgufModel g) {
        out.print("\nGGUF v" + g.file().version() + " (llama.cpp): the values read, and the llama.cpp flag that overrides each at run time:\n");
        TextTable flags = new TextTable(new boolean[] {false, false, false}, "key", "value", "llama.cpp flag");
        for (GgufModel.LlamaCppFlag f : g.overrides()) {
            flags.add(f.key(), f.value() + (f.defaulted() ? " (absent: llama.cpp's default)" : ""), f.flag());
        }
        flags.print(out);
    }
}
