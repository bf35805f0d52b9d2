package com.careflow.local;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.careflow.campaigns.TestRunStarter;
import io.camunda.client.CamundaClient;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * #21: {@code POST /local/campaigns/test-run} hands the day, mode and seed list to campaigns'
 * {@link TestRunStarter} (the hand start the ops guide documents for production) and answers 202
 * with the instance key; bad input is a 400 naming the problem, and nothing is started.
 */
class LocalCampaignsControllerTest {

  static final LocalDate DAY = LocalDate.of(2026, 12, 17);

  /** As Spring Boot configures it: JSON with ISO dates. */
  static MockMvc mvc(LocalCampaignsController controller) {
    return MockMvcBuilders.standaloneSetup(controller)
        .setMessageConverters(
            new MappingJackson2HttpMessageConverter(
                Jackson2ObjectMapperBuilder.json()
                    .featuresToDisable(
                        com.fasterxml.jackson.databind.SerializationFeature
                            .WRITE_DATES_AS_TIMESTAMPS)
                    .build()))
        .build();
  }

  @Test
  void aSeedListRunGoesToTheStarterWithEachSeedId() throws Exception {
    TestRunStarter starter = mock(TestRunStarter.class);
    when(starter.start(DAY, "SEED_LIST", List.of("c-1", "c-2")))
        .thenReturn(new TestRunStarter.Started(42L, DAY, "SEED_LIST", List.of("c-1", "c-2")));
    MockMvc mvc = mvc(new LocalCampaignsController(starter));

    mvc.perform(post("/local/campaigns/test-run?day=2026-12-17&mode=SEED_LIST&seeds=c-1, c-2,"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.processInstanceKey").value(42))
        .andExpect(jsonPath("$.mode").value("SEED_LIST"))
        .andExpect(jsonPath("$.seedCustomerIds[1]").value("c-2"))
        .andExpect(jsonPath("$.testRunIds").value("<OCCASION>-<year>-TEST-42"))
        .andExpect(jsonPath("$.api").value("/api/campaigns/test-runs"));
    verify(starter).start(DAY, "SEED_LIST", List.of("c-1", "c-2"));
  }

  @Test
  void aDryRunNeedsNoSeeds() throws Exception {
    TestRunStarter starter = mock(TestRunStarter.class);
    when(starter.start(DAY, "DRY_RUN", List.of()))
        .thenReturn(new TestRunStarter.Started(7L, DAY, "DRY_RUN", List.of()));
    MockMvc mvc = mvc(new LocalCampaignsController(starter));

    mvc.perform(post("/local/campaigns/test-run?day=2026-12-17&mode=DRY_RUN"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.processInstanceKey").value(7))
        .andExpect(jsonPath("$.campaignDate").value("2026-12-17"));
  }

  @Test
  void badInputIsA400NamingTheProblemAndNothingStarts() throws Exception {
    // the real starter: its checks run before it talks to the engine
    CamundaClient engine = mock(CamundaClient.class);
    MockMvc mvc = mvc(new LocalCampaignsController(new TestRunStarter(engine)));

    mvc.perform(post("/local/campaigns/test-run?day=2026-12-17&mode=PREVIEW"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("mode is DRY_RUN or SEED_LIST, not 'PREVIEW'"));
    mvc.perform(post("/local/campaigns/test-run?day=2026-12-17&mode=SEED_LIST&seeds=,"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("empty")));
    mvc.perform(post("/local/campaigns/test-run?day=2026-12-17&mode=DRY_RUN&seeds=c-1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("SEED_LIST")));
    mvc.perform(post("/local/campaigns/test-run?day=17.12.2026&mode=DRY_RUN"))
        .andExpect(status().isBadRequest());
    mvc.perform(post("/local/campaigns/test-run?mode=DRY_RUN")).andExpect(status().isBadRequest());
    verifyNoInteractions(engine);
  }
}
