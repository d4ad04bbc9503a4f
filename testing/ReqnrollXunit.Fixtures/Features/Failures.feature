@failures
Feature: Failures
  Scenario: An undefined step
    Given a step nobody wrote

  Scenario: A pending step
    When the step is pending

  Scenario: An ambiguous step
    When the step matches twice

  Scenario: A failing step
    Given I count 1 time
    Then the count is 2
