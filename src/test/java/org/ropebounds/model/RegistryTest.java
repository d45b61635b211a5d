package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;

/** The registry's look-ups and its errors, which speak of the registry and never of a command-line option. */
class RegistryTest {

    @Test
    void findIgnoresCaseAndBlanks() {
        assertEquals("llama-3.1-8b", Registry.find("  LLaMA-3.1-8B ").orElseThrow().id());
        assertTrue(Registry.find("gpt-17").isEmpty());
        assertEquals("llama-3.1-8b", Registry.byId("llama-3.1-8b").id());
    }

    @Test
    void anUnknownIdNamesItAndTheRegistrysSize() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Registry.byId("gpt-17"));
        assertEquals("unknown model 'gpt-17'; the registry has 61 ids (e.g. llama-1-7b)", e.getMessage());
    }

    @Test
    void missingValuesAreTypedAndWordedInTheRegistrysTerms() {
        Registry.IncompleteEntryException theta = assertThrows(Registry.IncompleteEntryException.class,
                () -> Registry.byId("gemma-3-1b-it").toConfig());
        assertEquals(Registry.IncompleteEntryException.Missing.ROPE_THETA, theta.missing());
        assertEquals("gemma-3-1b-it", theta.entryId());
        assertEquals("gemma-3-1b-it: the registry has no verified rope_theta for this model (see its source; analyse the model's"
                + " config.json instead)", theta.getMessage());
        assertEquals("gemma-3-1b-it: the registry has no verified rope_theta for this model (see its source; analyse the model's"
                + " config.json with ConfigReader.read)", theta.describe("with ConfigReader.read"));

        Registry.IncompleteEntryException factors = assertThrows(Registry.IncompleteEntryException.class,
                () -> Registry.byId("phi-3-mini-128k-instruct").toConfig());
        assertEquals(Registry.IncompleteEntryException.Missing.LONGROPE_FACTORS, factors.missing());
        assertEquals("phi-3-mini-128k-instruct: the registry does not carry this model's LongRoPE factor lists (they are in its"
                + " source); analyse its config.json instead", factors.getMessage());
    }

    @Test
    void noRegistryErrorNamesAnOption() {
        for (Registry.Entry e : Registry.entries()) {
            try {
                e.toConfig();
            } catch (InvalidInputException ex) {
                assertFalse(ex.getMessage().contains("--"), ex.getMessage());
            }
        }
    }
}
