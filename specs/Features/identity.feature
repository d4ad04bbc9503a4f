@identity @contract
Feature: Login and whoami
  /session/login?user=U remembers U in the session; /session/whoami tells who is logged in, or answers 401 when
  nobody is. A login without a user is refused with 400 and an example of the right call.

  @req-T4.1
  Scenario: Whoami is 401 before login
    Given a fresh cookie jar
    When I call /session/whoami
    Then the response is 401 with error "No active session or user not set"

  @req-T4.2
  Scenario: After login as max, whoami answers max
    Given a fresh cookie jar
    When I call /session/login?user=max
    Then the response is 200 with JSON:
      """
      {"message":"Logged in","user":"max"}
      """
    When I call /session/whoami
    Then the user is "max"

  @req-T4.4
  Scenario: Another cookie jar is not logged in
    Given a fresh cookie jar
    And I call /session/login?user=max
    When I start again with a fresh cookie jar
    And I call /session/whoami
    Then the response is 401 with error "No active session or user not set"

  @req-T4.3
  Scenario Outline: Login without a user is refused (<user>)
    Given a fresh cookie jar
    When I call <path>
    Then the response is 400 with error "Missing 'user' query parameter" and example "/session/login?user=max"
    When I call /session/whoami
    Then the response is 401 with error "No active session or user not set"

    Examples:
      | user            | path                          |
      | missing         | /session/login                |
      | empty           | /session/login?user=          |
      | only whitespace | /session/login?user=%20%20%09 |
