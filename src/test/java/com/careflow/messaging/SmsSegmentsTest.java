package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Segments as Twilio counts them (issue #15, "Also"): GSM-7 160 / 153 per part, extension
 * characters two septets and never split, UCS-2 70 / 67 per part, surrogate pairs never split.
 */
class SmsSegmentsTest {

  @ParameterizedTest(name = "{0} × \"{1}\" + {2} × \"{3}\" -> {4}, {5} segment(s)")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|a|0|a|GSM7|1",
        "160|a|0|a|GSM7|1",
        "161|a|0|a|GSM7|2",
        "306|a|0|a|GSM7|2",
        "307|a|0|a|GSM7|3",
        "80|€|0|a|GSM7|1", // 160 septets
        "81|€|0|a|GSM7|2",
        "152|a|5|{|GSM7|2",
        "151|a|1|^|GSM7|1", // 153 septets fit one message
        "159|a|1|\\|GSM7|2",
        "70|订|0|a|UCS2|1",
        "71|订|0|a|UCS2|2",
        "134|订|0|a|UCS2|2",
        "135|订|0|a|UCS2|3",
        "69|a|1|’|UCS2|1", // one curly apostrophe makes the whole text UCS-2
        "70|a|1|’|UCS2|2",
        "35|😀|0|a|UCS2|1", // 70 UTF-16 units
        "33|😀|1|a|UCS2|1",
        "66|a|3|😀|UCS2|2",
        "100|Ä|0|a|GSM7|1" // Ä is in the GSM-7 basic set
      })
  void segmentsAreCountedAsTwilioCountsThem(
      int n, String first, int m, String second, SmsSegments.Encoding encoding, int segments) {
    String text = first.repeat(n) + second.repeat(m);
    assertThat(SmsSegments.count(text))
        .returns(encoding, SmsSegments.Count::encoding)
        .returns(segments, SmsSegments.Count::segments);
  }

  @org.junit.jupiter.api.Test
  void anEscapePairOrASurrogatePairIsNeverSplitBetweenParts() {
    // 306 septets would fill two parts exactly, but the pair at the boundary moves to part two
    String gsm = "a".repeat(152) + "{" + "a".repeat(152);
    assertThat(SmsSegments.count(gsm).units()).isEqualTo(306);
    assertThat(SmsSegments.count(gsm).segments()).isEqualTo(3);
    // 134 UTF-16 units would fill two parts, but the emoji's two units stay together
    String ucs2 = "a".repeat(66) + "😀" + "a".repeat(66);
    assertThat(SmsSegments.count(ucs2).units()).isEqualTo(134);
    assertThat(SmsSegments.count(ucs2).segments()).isEqualTo(3);
  }
}
