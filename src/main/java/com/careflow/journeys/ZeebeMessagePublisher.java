package com.careflow.journeys;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * How shop events reach the journeys: as Zeebe messages correlated by order (or customer) id.
 *
 * <p>Starting a journey is a message too ({@code OrderPlaced} is the order journey's message start
 * event): Zeebe then keeps at most one active journey per order, and a message id already seen
 * within its time-to-live is refused, so a redelivered event has no second effect.
 */
@Component
public class ZeebeMessagePublisher {

  /** Status codes that say "try again later", not "this message is wrong". */
  private static final Set<Code> TRANSIENT =
      Set.of(Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.RESOURCE_EXHAUSTED);

  private final CamundaClient client;

  public ZeebeMessagePublisher(CamundaClient client) {
    this.client = client;
  }

  /**
   * Publishes one message.
   *
   * @param messageName the BPMN message name, e.g. {@code OrderPaid}
   * @param correlationKey the order or customer id it belongs to
   * @param messageId the event id, for Zeebe's duplicate check
   * @param timeToLive how long Zeebe buffers it for a journey that is not waiting yet
   * @param variables the event's data the journey needs (never contact data)
   * @return false when Zeebe already holds a message with this id (a duplicate delivery)
   * @throws JourneyUnavailableException when the engine is unreachable or overloaded (retry later)
   * @throws ClientStatusException any other answer, among them a message too large for the engine
   *     whatever its status code ({@link #tooLarge}): retrying can never make it fit
   */
  public boolean publish(
      String messageName,
      String correlationKey,
      String messageId,
      Duration timeToLive,
      Map<String, ?> variables) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(messageName)
          .correlationKey(correlationKey)
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .send()
          .join();
      return true;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Code.ALREADY_EXISTS) {
        return false; // the same event was published before and is still buffered: no second effect
      }
      if (TRANSIENT.contains(e.getStatusCode()) && !tooLarge(e)) {
        throw new JourneyUnavailableException(
            "Zeebe did not take message "
                + messageName
                + " ("
                + e.getStatusCode()
                + "): "
                + e.getMessage(),
            e);
      }
      throw e;
    }
  }

  /**
   * Whether the engine refused a command because it is too large: never transient, whatever the
   * status code says. Zeebe and gRPC answer it three ways: {@code RESOURCE_EXHAUSTED "gRPC message
   * exceeds maximum size 4194304: 5592449"} (the gateway's inbound limit, the same code as
   * backpressure), {@code UNKNOWN "Command 'PUBLISH' rejected with code
   * 'EXCEEDED_BATCH_RECORD_SIZE'"} (the broker's record batch), and {@code INVALID_ARGUMENT} with a
   * size message; a gRPC client says "Received message larger than max". Backpressure ({@code
   * RESOURCE_EXHAUSTED} "…could not be processed due to backpressure" or "Reached maximum capacity
   * of requests handled") is not a size answer.
   */
  public static boolean tooLarge(ClientStatusException e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      text.append(' ').append(t.getMessage());
    }
    String lower = text.toString().toLowerCase(java.util.Locale.ROOT);
    return TOO_LARGE.stream().anyMatch(lower::contains);
  }

  /** Lower-case fragments of the engine's "too large" answers (see {@link #tooLarge}). */
  private static final List<String> TOO_LARGE =
      List.of(
          "message exceeds maximum size",
          "message size exceeds",
          "exceeded_batch_record_size",
          "exceeds the maximum batch size",
          "larger than max");
}
