Feature: Year-by-year requirements over a series with a hole (Jin'an plan, section 15)
  逐年 asks about every year from the first year given to the latest. A year missing inside that span
  cannot be passed over: the finding is insufficient data naming the missing years, unless the years
  given already break the rule (compared across the hole too), which is a fail.

  @JA-15-3
  Scenario Outline: domestic waste must fall every year, with and without a hole
    Given a village "Jiufeng" in 晋安区
    And the series of "domestic waste generated" is <series>
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-15-3 is <status>

    Examples:
      | series                                            | status            |
      | 2020: 540, 2021: 520, 2022: 505, 2023: 490        | pass              |
      | 2020: 540, 2021: 520, 2023: 490, 2024: 470        | insufficient data |
      | 2020: 540, 2021: 520, 2023: 530, 2024: 470        | fail              |
      | 2020: 540, 2021: 520, 2022: 525, 2024: 470        | fail              |

  @JA-15-3
  Scenario: the reason names the missing year
    Given a village "Jiufeng" in 晋安区
    And the series of "domestic waste generated" is 2020: 540, 2021: 520, 2023: 490, 2024: 470, 2025: 455
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-15-3 is insufficient data
    And the data missing for JA-15-3 is: domestic waste generated
    And the reason for JA-15-3 contains "missing data: domestic waste generated 2022"
