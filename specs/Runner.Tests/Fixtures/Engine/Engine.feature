Feature: Engine

  Scenario: Undefined step
    Given I have 3 apples and "pears"

  Scenario: Ambiguous step
    When something ambiguous happens

  Scenario: Keyword types
    When a given-only step

  Scenario: Failing step
    Given a step that fails
    Then a step that passes

  Scenario: Pending step
    Given a pending step
    Then a step that passes

  @hooked
  Scenario: Tagged hooks
    Given a step that passes

  Scenario: Untagged hooks
    Given a step that passes

  Scenario: Shared context
    Given the context holds "x"
    Then the other class sees "x"

  Scenario: Fresh context
    Then the other class sees ""

  Scenario: Converts arguments
    Given the values Red, 00:00:05, true and 1.5
    * anything goes with a star

  Scenario: Attaching evidence
    Given evidence "hello" is attached
