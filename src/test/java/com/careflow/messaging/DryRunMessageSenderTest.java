package com.careflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Fault: the dry-run log line printed coupon codes in full (phones were masked). Both are masked;
 * the receipt is still a dry run.
 */
@ExtendWith(OutputCaptureExtension.class)
class DryRunMessageSenderTest {

  @Test
  void theLogLineMasksThePhoneAndTheCouponCodes(CapturedOutput output) {
    var receipt =
        new DryRunMessageSender()
            .send(
                new OutboundMessage(
                    "+8613800138000", "您的优惠券CF7KQ2MX9P已到账 (code CF7KQ2MX9P)", Channel.SMS));

    assertThat(receipt.status()).isEqualTo(DryRunMessageSender.STATUS);
    assertThat(output.getOut() + output.getErr())
        .contains("[dry run]", "CF********", "已到账")
        .doesNotContain("CF7KQ2MX9P", "13800138000");
  }
}
