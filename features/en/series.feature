Feature: Requirements read over a yearly series (Jin'an plan: overall targets and section 15)
  逐年 (every year) asks about every year from the first year given to the latest. A year missing inside that
  span cannot be passed over: the finding is insufficient data naming the missing years, unless the years
  given already break the rule (compared across the hole too), which is a fail.
  减量化 (reduce) carries no every-period word: it compares the latest year with 2020, the plan's base year.
  A rise in a middle year does not matter and years between may be left out, but 2020 must be given.

  @JA-0-11
  Scenario Outline: CO2 per unit of GDP must fall every year (逐年下降), with and without a hole
    Given a district "Jin'an" in 晋安区
    And the series of "CO2 emissions per unit of GDP" is <series>
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-0-11 is <status>

    Examples:
      | series                                                                 | status            |
      | 2020: 0.62, 2021: 0.60, 2022: 0.58, 2023: 0.56, 2024: 0.54, 2025: 0.52 | pass              |
      | 2020: 0.62, 2021: 0.60, 2023: 0.56, 2024: 0.54, 2025: 0.52             | insufficient data |
      | 2020: 0.62, 2021: 0.60, 2023: 0.61, 2024: 0.54, 2025: 0.52             | fail              |
      | 2020: 0.62, 2021: 0.60, 2022: 0.61, 2024: 0.54, 2025: 0.52             | fail              |

  @JA-0-11
  Scenario: the reason names the missing year
    Given a district "Jin'an" in 晋安区
    And the series of "CO2 emissions per unit of GDP" is 2020: 0.62, 2021: 0.60, 2023: 0.56, 2024: 0.54, 2025: 0.52
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-0-11 is insufficient data
    And the data missing for JA-0-11 is: CO2 emissions per unit of GDP
    And the reason for JA-0-11 contains "missing data: CO2 emissions per unit of GDP 2022"

  @JA-15-3
  Scenario Outline: domestic waste must be below 2024, when the plan was written (减量化), whatever the years between do
    Given a village "Jiufeng" in 晋安区
    And the series of "domestic waste generated" is <series>
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-15-3 is <status>

    Examples:
      | series                                                | status            |
      | 2020: 540, 2023: 490, 2024: 480, 2025: 470            | pass              |
      | 2024: 480, 2025: 470                                  | pass              |
      | 2020: 540, 2021: 520, 2024: 440, 2025: 470            | fail              |
      | 2020: 540, 2022: 505, 2025: 470                       | insufficient data |

  @JA-15-3
  Scenario: without 2024 the reason names the year it counts from
    Given a village "Jiufeng" in 晋安区
    And the series of "domestic waste generated" is 2020: 540, 2023: 520, 2025: 490
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-15-3 is insufficient data
    And the data missing for JA-15-3 is: domestic waste generated
    And the reason for JA-15-3 contains "missing data: domestic waste generated 2024"
