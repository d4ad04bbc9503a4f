@operations @outage @serial-in-lane @extension
Feature: The store hangs while an instance must re-read its key ring
  Data protection keeps the key ring it read in memory and reads the store again only now and then. One thing makes a
  running instance read it at once: a cookie protected by a key the instance has not read, which another server added
  to the shared ring after the instance loaded it (a new instance, another version, a key made by hand). .NET 10
  re-reads the ring for such a key only in the first two minutes after an instance started; this instance started
  moments before. If the store hangs just then, that read must be bounded like every other: the answer is a 503
  within the I/O timeout plus one second, and the browser keeps its cookie, rather than a fresh session under a new
  cookie whose write waits for the store a second time. Once the store answers again the instance reads the key and
  serves the session.
  A TCP fault proxy sits between the instances and their store; SQLite and memory run inside the server process,
  there is no connection to hang, so they are skipped. Timed, so tagged serial-in-lane (run after the others, one
  per store at a time).

  @req-E3.11
  Scenario: While the store hangs, a cookie under a key the instance has not read yet answers 503 within the bound
    Given instance "A" reaches the store through a fault proxy, with an I/O timeout of 2 seconds
    And browser "alice" calls "/session/counter" on instance "A"
    When another server adds a key to the key ring instance "A" has loaded
    And instance "B" starts with the same settings as instance "A"
    And browser "bob" calls "/session/counter" on instance "B"
    Then it answers 200 with counter 1
    And browser "bob"'s cookie is protected by that key, which instance "A" has not loaded
    When the store stops answering but keeps its connections open
    And browser "bob" calls "/session/counter" on instance "A"
    Then it answers 503 naming the store within 3 seconds
    When the store is back
    And browser "bob" calls "/session/counter" on instance "A"
    Then it answers 200 with counter 2
