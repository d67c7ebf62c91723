Feature: Rural domestic sewage treatment rate (Jin'an plan, section 14)
  An example in English: the same step library, English wording. Statuses are
  pass, fail, at risk, insufficient data, not applicable and needs review.

  @JA-14-7 @JA-14-9
  Scenario Outline: the rate against the 2025 (75%) and 2027 (80%) targets
    Given a village "Jiufeng" in 晋安区
    And the metric "rural domestic sewage treatment rate" is <rate>
    And the assessment date is <date>
    When it is assessed
    Then the status of JA-14-7 is <2025>
    And the status of JA-14-9 is <2027>

    Examples:
      | rate    | date       | 2025              | 2027              |
      | 74.9%   | 2026-06-30 | fail              | at risk           |
      | 75%     | 2026-06-30 | pass              | at risk           |
      | 79.9%   | 2028-01-01 | pass              | fail              |
      | 80%     | 2028-01-01 | pass              | pass              |
      | missing | 2026-06-30 | insufficient data | insufficient data |

  @JA-14-7
  Scenario: a pass carries its reason, target and due date
    Given a village "Jiufeng" in 晋安区
    And the facts are:
      | metric                               | value |
      | rural domestic sewage treatment rate | 80%   |
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-14-7 is pass
    And the reason for JA-14-7 contains "≥ 75%"
    And the target in force for JA-14-7 is "rural domestic sewage treatment rate ≥ 75%", due 2025-12-31
    And JA-14-9 has no target in force
    And the next target for JA-14-9 is "rural domestic sewage treatment rate ≥ 80%", due 2027-12-31

  @JA-14-7
  Scenario: a 2022 figure does not show whether the 2025 target was met
    Given a village "Jiufeng" in 晋安区
    And the series of "rural domestic sewage treatment rate" is 2021: 80, 2022: 82
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-14-7 is insufficient data
    And the reason for JA-14-7 contains "for 2025 (a target past due is judged on its own year's figure; the latest given before 2025 is 2022)"

  @JA-15-3
  Scenario: Domestic waste must fall below 2024, when the plan was written: a cut made before the plan does not count
    Given a village "Jiufeng" in 晋安区
    And the series of "domestic waste generated" is 2020: 560, 2023: 520, 2024: 505, 2025: 530
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-15-3 is fail
    And the reason for JA-15-3 contains "change from 2024: +4.95%"

  @XM-12-7
  Scenario: A Xiamen village given by its code and stating nothing is not called compliant: it is asked whether it sorts its waste
    Given a village "Huangcuo" in 350203012201
    And the assessment date is 2026-06-30
    When it is assessed
    Then the verdict is incomplete
    And the status of XM-12-7 is insufficient_data
