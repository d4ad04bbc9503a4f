@counter @contract
Feature: Session counter
  /session/counter counts the calls made with one cookie: the first call of a session gives 1, each further call
  with the same cookie one more. A new cookie jar is a new session and starts again at 1.

  @req-T3.1 @req-T3.2
  Scenario: The counter goes 1 then 2 with the same cookie jar
    Given a fresh cookie jar
    When I call /session/counter
    Then the counter is 1
    When I call /session/counter
    Then the counter is 2

  @req-T3.3
  Scenario: A new cookie jar starts its own counter at 1
    Given a fresh cookie jar
    And I call /session/counter 2 times
    When I start again with a fresh cookie jar
    And I call /session/counter
    Then the counter is 1

  @req-T3.2
  Scenario Outline: After <calls> call(s) with one cookie jar the counter is <calls>
    Given a fresh cookie jar
    When I call /session/counter <calls> times
    Then the counter is <calls>

    Examples:
      | calls |
      | 1     |
      | 3     |
      | 7     |
