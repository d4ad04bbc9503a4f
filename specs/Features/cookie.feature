@cookie @contract
Feature: Session cookie
  The session travels in one cookie, Kr.Session, that scripts cannot read (HttpOnly), that is only sent over HTTPS
  (Secure), that other sites' links do not carry on POSTs (SameSite=Lax), and that covers the whole site (Path=/).
  The cookie holds a protected session key only; the session's values stay in the store.

  @req-T2.1 @req-T2.2 @req-T2.3 @req-T2.4 @req-T2.5
  Scenario: The first session request sets Kr.Session with HttpOnly, SameSite=Lax, Secure and Path=/
    Given a fresh cookie jar
    When I call /session/counter
    Then the response sets the cookie "Kr.Session" with these attributes:
      | attribute | value |
      | HttpOnly  |       |
      | Secure    |       |
      | SameSite  | Lax   |
      | Path      | /     |

  @req-T2.6
  Scenario: The cookie does not carry the values stored in the session
    Given a fresh cookie jar
    When I call /session/set?key=secret&value=Zebra-4711-distinctive
    Then the response is 200 with JSON:
      """
      {"message":"Stored in session","key":"secret","value":"Zebra-4711-distinctive"}
      """
    And the session cookie does not contain "Zebra-4711-distinctive"
    And the session cookie does not contain "secret"

  @req-T2.6
  Scenario: The cookie does not grow with the data the session holds
    Given a fresh cookie jar
    And I call /session/counter
    And I save the session cookie
    When I set "long" to a value of 4000 characters
    Then the session cookie I hold is no longer than the saved one
