package com.careflow.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * The route rules (see the package documentation), the two ways in, and the start-up checks of the
 * login settings.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** Open to anyone: Twilio's webhooks check Twilio's signature themselves (R22). */
  static final String WEBHOOKS = "/api/twilio/**";

  /** Open health: the overall status (details only for admins) and the two probes. */
  static final String[] OPEN_HEALTH = {
    "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
  };

  /**
   * Dashboard pages whose forms change data: every method but GET and HEAD needs ADMIN there (the
   * message texts' draft and publish forms, issue #21).
   */
  static final RequestMatcher CHANGING_PAGES =
      request -> {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        return (path.equals("/message-texts") || path.startsWith("/message-texts/"))
            && !"GET".equals(method)
            && !"HEAD".equals(method);
      };

  private static final String ADMIN = Role.ADMIN.name();
  private static final String VIEWER = Role.VIEWER.name();
  private static final String REALM = "Careflow";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** The operators of {@code careflow.security.users}, each checked so that it can log in. */
  @Bean
  UserDetailsService operatorUsers(CareflowSecurityProperties settings, PasswordEncoder encoder) {
    List<String> problems = LoginSettingsCheck.userProblems(settings.users(), encoder);
    if (!problems.isEmpty()) {
      throw new LoginConfigurationException(String.join("; ", problems));
    }
    List<UserDetails> users = new ArrayList<>();
    for (CareflowSecurityProperties.User user : settings.users()) {
      if (user.password().startsWith("{noop}")) {
        log.warn(
            "Operator '{}' has a plain-text password ({noop}): for development only, use {bcrypt}"
                + " elsewhere",
            user.username());
      }
      users.add(
          User.withUsername(user.username())
              .password(user.password())
              .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
              .build());
    }
    return new InMemoryUserDetailsManager(users);
  }

  /** Twilio's webhooks: no login, no session, no CSRF token; the controller checks signatures. */
  @Bean
  @Order(1)
  SecurityFilterChain twilioWebhooks(HttpSecurity http) throws Exception {
    return http.securityMatcher(WEBHOOKS)
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .build();
  }

  /** Everything else: the route rules, HTTP Basic, form login, and JWT when an issuer is set. */
  @Bean
  @Order(2)
  SecurityFilterChain operators(
      HttpSecurity http,
      CareflowSecurityProperties settings,
      ObjectProvider<JwtDecoder> jwtDecoders)
      throws Exception {
    JwtDecoder jwtDecoder = jwtDecoders.getIfAvailable();
    if (settings.users().isEmpty() && jwtDecoder == null) {
      throw new LoginConfigurationException(LoginSettingsCheck.NO_LOGIN);
    }
    RequestMatcher browserPage = browserPage();
    AuthenticationEntryPoint entryPoint = entryPoint(browserPage);
    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    requestCache.setRequestMatcher(browserPage);

    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(OPEN_HEALTH)
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // the browser asks for it on every page, the login page included; no data
                    .requestMatchers(HttpMethod.GET, "/favicon.ico")
                    .permitAll()
                    // the login page with any query (?lang=, ?error, ?logout; formLogin's own
                    // permitAll matches the exact URLs only) and its look; no data
                    .requestMatchers(HttpMethod.GET, "/login", "/dashboard/dashboard.css")
                    .permitAll()
                    .requestMatchers("/actuator", "/actuator/**")
                    .hasRole(ADMIN)
                    .requestMatchers("/api/admin/**")
                    .hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .hasAnyRole(VIEWER, ADMIN)
                    .requestMatchers("/api/**")
                    .hasRole(ADMIN)
                    .requestMatchers("/local/**")
                    .hasRole(ADMIN)
                    // the dashboard's forms that change message texts (reading them: any login)
                    .requestMatchers(CHANGING_PAGES)
                    .hasRole(ADMIN)
                    .anyRequest()
                    .authenticated())
        .httpBasic(b -> b.realmName(REALM))
        // Careflow's own login page (the dashboard's LoginPage), Spring Security's form login:
        // POST /login with the CSRF token, /login?error, /login?logout
        .formLogin(f -> f.loginPage("/login").permitAll())
        // a Bearer token is never sent by a browser on its own, and a script's Basic request
        // carries none of a browser's cross-site signs: no CSRF token needed (ScriptRequests)
        .csrf(
            c ->
                c.ignoringRequestMatchers(ScriptRequests.INSTANCE)
                    .ignoringRequestMatchers("/error"))
        .requestCache(c -> c.requestCache(requestCache))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(entryPoint, AnyRequestMatcher.INSTANCE)
                    .accessDeniedHandler(anonymousCsrfAsLogin(entryPoint)));
    if (jwtDecoder != null) {
      http.oauth2ResourceServer(
          o ->
              o.jwt(
                  j ->
                      j.decoder(jwtDecoder)
                          .jwtAuthenticationConverter(new JwtRoles(settings.jwt()))));
    }
    return http.build();
  }

  /** A browser asking for a page (not an API): sent to the login form; everyone else gets 401. */
  private static RequestMatcher browserPage() {
    MediaTypeRequestMatcher html =
        new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(), MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    RequestMatcher machineRoutes =
        request -> {
          String path = request.getRequestURI().substring(request.getContextPath().length());
          return path.startsWith("/api/")
              || path.startsWith("/local/")
              || path.equals("/actuator")
              || path.startsWith("/actuator/");
        };
    return new AndRequestMatcher(new NegatedRequestMatcher(machineRoutes), html);
  }

  private static AuthenticationEntryPoint entryPoint(RequestMatcher browserPage) {
    BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
    basic.setRealmName(REALM);
    LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
    entryPoints.put(browserPage, new LoginInPageLanguage());
    DelegatingAuthenticationEntryPoint delegating =
        new DelegatingAuthenticationEntryPoint(entryPoints);
    delegating.setDefaultEntryPoint(basic);
    return delegating;
  }

  /**
   * The login form for a browser page, in the language the page was asked in: a {@code ?lang=} on
   * the page asked for goes on to {@code /login?lang=…} (the dashboard's locale handling reads it
   * there and remembers it in its cookie), so a {@code ?lang=zh-CN} link opened while logged out
   * shows the Chinese login; the saved request keeps its query, so after the login the browser
   * lands on the page asked for, in that language. Without {@code lang}: plain {@code /login}.
   */
  static final class LoginInPageLanguage extends LoginUrlAuthenticationEntryPoint {

    LoginInPageLanguage() {
      super("/login");
    }

    @Override
    protected String determineUrlToUseForThisRequest(
        jakarta.servlet.http.HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response,
        org.springframework.security.core.AuthenticationException exception) {
      String lang = request.getParameter("lang");
      String login = super.determineUrlToUseForThisRequest(request, response, exception);
      return lang == null || lang.isBlank()
          ? login
          : org.springframework.web.util.UriComponentsBuilder.fromUriString(login)
              .queryParam("lang", lang)
              .encode()
              .build()
              .toUriString();
    }
  }

  /**
   * A missing CSRF token on a request from no one logged in is a missing login: 401 (or the login
   * form), as on any protected route. Logged-in sessions get 403, and so do requests carrying
   * credentials (the CSRF check runs before Basic or Bearer authentication, so they look anonymous
   * here; a 401 would only make the browser ask for the password again).
   */
  private static AccessDeniedHandler anonymousCsrfAsLogin(AuthenticationEntryPoint entryPoint) {
    AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
    return (request, response, denied) -> {
      if (denied instanceof CsrfException
          && CurrentOperator.name().equals(CurrentOperator.ANONYMOUS)
          && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
        entryPoint.commence(
            request,
            response,
            new InsufficientAuthenticationException(denied.getMessage(), denied));
      } else {
        forbidden.handle(request, response, denied);
      }
    };
  }
}
