package com.careflow.campaigns;

import java.util.List;

/**
 * One row of the occasion calendar (dmn/occasion-calendar.dmn) as the campaign carries it.
 *
 * @param occasionId e.g. CHRISTMAS; with the year (or the day, for birthdays) it names the campaign
 * @param occasionName the name in English copy
 * @param occasionNameZh the name in Chinese copy
 * @param audience ALL customers, or BIRTHDAY: those whose birthday is the campaign day
 * @param segments the segments the occasion addresses (R15); others are not messaged
 * @param excludeLargeBuyers whether large, wholesale-like buyers are left out (R16)
 */
public record Occasion(
    String occasionId,
    String occasionName,
    String occasionNameZh,
    String audience,
    List<String> segments,
    boolean excludeLargeBuyers) {

  public static final String AUDIENCE_BIRTHDAY = "BIRTHDAY";

  public boolean birthdays() {
    return AUDIENCE_BIRTHDAY.equals(audience);
  }
}
