package com.careflow.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.careflow.support.TestDatabase;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@JdbcTest(properties = "careflow.local.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({CustomerRepository.class, CustomerRepositoryTest.Config.class})
class CustomerRepositoryTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  static class Config {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  @Autowired CustomerRepository customers;

  @Test
  void storesAndReadsAProfile() {
    customers.upsertProfile(new Customer("c-profile", "Li Lei", "+8613800138000", "zh-CN", "Asia/Shanghai",
        LocalDate.of(1990, 5, 1), true, 0));

    assertThat(customers.find("c-profile")).get()
        .returns("+8613800138000", Customer::phone)
        .returns(LocalDate.of(1990, 5, 1), Customer::birthday)
        .returns(true, Customer::marketingConsent)
        .returns(false, Customer::returning);
  }

  @Test
  void anUpsertKeepsTheOrderHistory() {
    customers.recordPaidOrder("c-history");
    customers.upsertProfile(new Customer("c-history", "Han Meimei", "+8613900139000", "en", "Europe/Berlin", null, false, 0));

    assertThat(customers.find("c-history")).get()
        .returns(1, Customer::paidOrders)
        .returns("en", Customer::locale)
        .returns(true, Customer::returning);
  }

  @Test
  void anUnknownCustomerIsEmpty() {
    assertThat(customers.find("nobody")).isEmpty();
  }
}
