@golden
Feature: Golden

  Scenario: Passing with evidence
    Given evidence "hello" is attached
    And the context holds "x"
    Then the other class sees "x"

  Scenario Outline: Failing <what>
    Given a step that <what>

    Examples:
      | what   |
      | fails  |
      | passes |
