package dev.threadhound.samples.suite;

import com.google.common.base.CaseFormat;
import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import com.google.common.escape.Escaper;
import com.google.common.net.InternetDomainName;
import com.google.common.net.PercentEscaper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextSpec {

    @Test
    void loadsTheTextPackages() throws Exception {
        assertTrue(LibraryClasses.load("com.google.common.base.", "com.google.common.escape.", "com.google.common.net.",
                "com.google.common.math.") > 200);
    }

    @Test
    void splitsCasesAndEscapes() {
        assertEquals(List.of("a", "b"), Splitter.on(',').trimResults().omitEmptyStrings().splitToList(" a, ,b "));
        assertEquals("STUCK_AFTER", CaseFormat.LOWER_CAMEL.to(CaseFormat.UPPER_UNDERSCORE, "stuckAfter"));
        assertEquals("12", CharMatcher.digit().retainFrom("a1b2"));
        Escaper escaper = new PercentEscaper("", false);
        assertEquals("a%20b", escaper.escape("a b"));
        assertEquals("example.co.uk", InternetDomainName.from("www.example.co.uk").topPrivateDomain().toString());
    }
}
