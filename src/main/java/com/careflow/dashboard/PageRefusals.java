package com.careflow.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A refused parameter on the pages without their own refusal handler (the order page, the login
 * page), e.g. an unsupported {@code ?lang=} ({@link DashboardConfiguration#languageSwitch}): 400
 * with the reason on the error page, as the other pages answer ({@link BadParameter#text}).
 */
@ControllerAdvice(assignableTypes = {OrderPageController.class, LoginPage.class})
class PageRefusals {

  private final MessageSource messages;

  PageRefusals(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler(BadParameter.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String refused(BadParameter e, HttpServletRequest request, Locale locale, Model model) {
    return errorPage(e, messages, request, locale, model);
  }

  /** The error page with the refusal's reason in the page's language, back to the same page. */
  static String errorPage(
      Exception e, MessageSource messages, HttpServletRequest request, Locale locale, Model model) {
    model.addAttribute("error", BadParameter.text(e, messages, locale));
    model.addAttribute("back", request.getRequestURI());
    model.addAttribute("lang", locale.getLanguage().equals("zh") ? "zh-CN" : "en");
    return "dashboard/error";
  }
}
