Feature: Zero direct discharge at Fuxing Economic Development Zone (Jin'an plan, section 29)

  @JA-29-1
  Scenario: the sewer network must cover the whole park by the end of 2025
    Given a park "福兴经济开发区" in 晋安区
    And the plan is "jinan"
    And the facts are:
      | metric                | value |
      | sewer_network_coverage | 99%   |
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-29-1 is fail
    And the verdict is non-compliant

  @JA-29-1
  Scenario: another park is not concerned
    Given an industrial park "Some Park" in 晋安区
    And the metric "park sewer network coverage" is 50%
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-29-1 is not applicable
    And the reason for JA-29-1 contains "Fuxing"

  Scenario: a missing fact is named
    Given a park "福兴经济开发区" in 晋安区
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-29-7 is insufficient data
    And the data missing for JA-29-7 is: park wastewater collection rate
