package com.careflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.experiments.ExperimentProperties;
import com.careflow.experiments.ExperimentReports;
import com.careflow.experiments.LiftCalculator;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * #18: the experiments card as the Payment reminders and Experiments pages render it: the absolute
 * lift in percentage points, the relative lift beside it, the incremental GMV with its interval and
 * its own verdict, ROI as "x : 1", and whether the configured holdout is applied.
 */
class ExperimentSectionTemplateTest {

  private static String render(Locale locale, boolean holdoutOn) {
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    var messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(messages);

    // treatment 300 of 1 000 paid 66.67, holdout 200 of 1 000 paid 100.00: conversion lift
    // significant, incremental GMV (about 0) not
    long[] to = new long[1_000];
    double[] tg = new double[1_000];
    Arrays.fill(to, 0, 300, 1);
    Arrays.fill(tg, 0, 300, 200.0 / 3);
    long[] ho = new long[1_000];
    double[] hg = new double[1_000];
    Arrays.fill(ho, 0, 200, 1);
    Arrays.fill(hg, 0, 200, 100.0);
    var lift =
        LiftCalculator.lift(
            new LiftCalculator.Group(to, tg), new LiftCalculator.Group(ho, hg), 50.0);
    var ctx = new Context(locale);
    ctx.setVariable("fmt", new Formats(locale, "CNY"));
    ctx.setVariable(
        "links",
        new PageLinks(
            new Period(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 11, 11), null),
            null,
            null,
            "en",
            "en"));
    ctx.setVariable(
        "experiments",
        List.of(
            new ExperimentReports.Row(
                "payment-reminder", "Activity_SendPaymentReminder", "ALL", lift)));
    ctx.setVariable(
        "holdouts",
        List.of(
            new ExperimentProperties(new ExperimentProperties.PaymentReminderHoldout(holdoutOn))
                .paymentReminderStatus()));
    ctx.setVariable("experimentOption", "{}");
    ctx.setVariable("title", "Experiments");
    return engine.process("dashboard/experiment-section", java.util.Set.of("section(title)"), ctx);
  }

  @Test
  void theCardWritesPointsRelativeLiftGmvIntervalEachVerdictAndRoiRatio() {
    String html = render(Locale.ENGLISH, false).replaceAll("\\s+", " ");
    assertThat(html)
        .contains(
            "10.00 pp [",
            "+50% [",
            "CN¥0.00 [",
            "Significant",
            "Not significant",
            "0.0 : 1",
            "payment-reminder · Activity_SendPaymentReminder: configured 10 %, not applied:"
                + " careflow.experiments.payment-reminder-holdout.enabled is false")
        .doesNotContain("10% [");
    // the GMV cell (interval crossing 0) never says "Significant"
    String gmvCell = html.substring(html.indexOf("class=\"num gmv\""));
    gmvCell = gmvCell.substring(0, gmvCell.indexOf("</td>"));
    assertThat(gmvCell).contains("Not significant");
    assertThat(render(Locale.ENGLISH, true)).contains("configured 10 %, applied");
    assertThat(render(Locale.SIMPLIFIED_CHINESE, false))
        .contains("10.00 个百分点", "未生效", "绝对提升，个百分点")
        // z16: why not applied, a Chinese sentence that still names the setting
        .contains("未生效：设置项 careflow.experiments.payment-reminder-holdout.enabled 未开启（值为 false）")
        .doesNotContain("enabled 为 false");
  }
}
