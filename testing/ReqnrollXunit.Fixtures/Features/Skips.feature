@skips
Feature: Skips
  @hook-skip
  Scenario: Skipped by a hook
    Given I count 1 time

  Scenario: Skipped by a step
    When the step skips itself
    Then the count is 99
