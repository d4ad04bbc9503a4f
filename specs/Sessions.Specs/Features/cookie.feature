@cookie
Feature: Session cookie
  The session travels in one cookie, Kr.Session, that scripts cannot read (HttpOnly), that is only sent over HTTPS
  (Secure), that other sites' links do not carry on POSTs (SameSite=Lax), and that covers the whole site (Path=/).
  The cookie holds a protected session key only; the session's values stay in the store.

  Scenario: The first session request sets Kr.Session with HttpOnly, SameSite=Lax, Secure and Path=/
    Given a fresh cookie jar
    When I call /session/counter
    Then the response sets the cookie "Kr.Session" with these attributes:
      | attribute | value |
      | HttpOnly  |       |
      | Secure    |       |
      | SameSite  | Lax   |
      | Path      | /     |

  Scenario: The cookie does not carry the values stored in the session
    Given a fresh cookie jar
    When I call /session/set?key=secret&value=Zebra-4711-distinctive
    Then the response is 200 with JSON:
      """
      {"message":"Stored in session","key":"secret","value":"Zebra-4711-distinctive"}
      """
    And the session cookie does not contain "Zebra-4711-distinctive"
    And the session cookie does not contain "secret"
