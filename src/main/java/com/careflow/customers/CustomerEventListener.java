package com.careflow.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the customer store's profile and contact data in step with the shop's customer events. */
@Component
class CustomerEventListener {

  private final ObjectMapper json;
  private final CustomerRepository customers;

  CustomerEventListener(ObjectMapper json, CustomerRepository customers) {
    this.json = json;
    this.customers = customers;
  }

  @KafkaListener(topics = "${careflow.events.customers-topic:shop.customers}", id = "careflow-customers")
  void onCustomerEvent(String value) throws IOException {
    JsonNode e = json.readTree(value);
    if (!"CustomerUpserted".equals(e.path("type").asText())) {
      throw new IllegalArgumentException("Unknown customer event type '" + e.path("type").asText() + "'");
    }
    customers.upsertProfile(new Customer(
        e.path("customerId").asText(),
        e.path("name").asText(null),
        e.path("phone").asText(null),
        e.path("locale").asText("zh-CN"),
        e.path("timeZone").asText("Asia/Shanghai"),
        e.hasNonNull("birthday") ? LocalDate.parse(e.get("birthday").asText()) : null,
        e.path("marketingConsent").asBoolean(false),
        0));
  }
}
