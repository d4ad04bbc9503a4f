@demo
Feature: Counter
  Scenario: Counting twice
    Given I count 1 time
    And I count 1 time
    Then the count is 2

  Scenario Outline: Counting calls
    Given I count <calls> times
    Then the count is <calls>

    Examples:
      | calls |
      | 1     |
      | 3     |

  Scenario: Arguments and evidence
    Given these rows:
      | name |
      | a    |
      | b    |
    And this text:
      """
      one
      two
      """
    When I note "evidence for the report" as evidence
    Then the count is 4

  @internals
  Scenario: The target's value is injected
    Then the engine code is "A"
