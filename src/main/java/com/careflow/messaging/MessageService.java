package com.careflow.messaging;

import com.careflow.customers.Customer;
import com.careflow.customers.CustomerRepository;
import io.camunda.client.exception.CamundaError;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one message at most once per send key: the attempt is recorded before the provider is
 * called, so a retried job finds it and returns the recorded result instead of sending again.
 */
@Service
public class MessageService {

  /** BPMN error a journey catches when a message can never be delivered (bad number, no contact). */
  public static final String ERROR_UNDELIVERABLE = "MESSAGE_UNDELIVERABLE";

  private static final Logger log = LoggerFactory.getLogger(MessageService.class);

  private final CustomerRepository customers;
  private final MessageTemplates templates;
  private final MessageLog messageLog;
  private final MessageSender sender;

  public MessageService(
      CustomerRepository customers, MessageTemplates templates, MessageLog messageLog, MessageSender sender) {
    this.customers = customers;
    this.templates = templates;
    this.messageLog = messageLog;
    this.sender = sender;
  }

  public record SendRequest(
      String sendKey,
      String customerId,
      String orderId,
      Long processInstanceKey,
      String elementId,
      String templateKey,
      MessageCategory category,
      Channel channel,
      Map<String, Object> templateVariables) {}

  public record Outcome(String status, String providerId) {}

  public Outcome send(SendRequest req) {
    Optional<MessageLog.Entry> earlier = messageLog.findBySendKey(req.sendKey());
    if (earlier.isPresent() && !MessageLog.PENDING.equals(earlier.get().status())
        && !MessageLog.FAILED.equals(earlier.get().status())) {
      log.info("Send {} already done ({}), not sending again", req.sendKey(), earlier.get().status());
      return new Outcome(earlier.get().status(), earlier.get().providerId());
    }
    Customer customer =
        customers.find(req.customerId())
            .filter(c -> c.phone() != null && !c.phone().isBlank())
            .orElseThrow(() -> CamundaError.bpmnError(
                ERROR_UNDELIVERABLE, "No phone number known for customer " + req.customerId()));

    String body;
    try {
      body = templates.render(req.templateKey(), customer.locale(), withOrderId(req));
    } catch (MessageTemplates.TemplateException e) {
      // retrying cannot fix a template: straight to an incident that names it
      throw CamundaError.jobError(e.getMessage(), Map.of(), 0);
    }
    if (earlier.isEmpty()) {
      messageLog.recordAttempt(new MessageLog.Attempt(
          req.sendKey(), req.customerId(), req.orderId(), req.processInstanceKey(), req.elementId(),
          req.templateKey(), req.category(), req.channel(), body));
    }
    try {
      SendReceipt receipt = sender.send(new OutboundMessage(customer.phone(), body, req.channel()));
      messageLog.recordSent(req.sendKey(), receipt);
      return new Outcome(receipt.status().toUpperCase(java.util.Locale.ROOT), receipt.providerId());
    } catch (SendFailedException e) {
      messageLog.recordFailed(req.sendKey(), e.errorCode(), e.getMessage());
      if (e.permanent()) {
        throw CamundaError.bpmnError(ERROR_UNDELIVERABLE, e.getMessage(), Map.of("sendErrorCode", String.valueOf(e.errorCode())));
      }
      throw e;
    }
  }

  private static Map<String, Object> withOrderId(SendRequest req) {
    var vars = new java.util.HashMap<String, Object>(req.templateVariables());
    if (req.orderId() != null) {
      vars.putIfAbsent("orderId", req.orderId());
    }
    return vars;
  }
}
