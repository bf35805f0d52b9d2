package com.careflow.customers;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Lets another module's repository test ({@code @JdbcTest}) use the customers module's port {@link
 * CustomerQueries} over the test database; its implementation stays package-private.
 */
@TestConfiguration
@Import(JdbcCustomerQueries.class)
public class CustomerQueriesTestConfig {}
