"""Writes examples/district-air-daily.yaml: a district's daily air data for 2025 (made-up, seeded figures).

Run from the repository root: `python examples/make_district_air.py`. The file is committed; this script
says how it was made and remakes it byte for byte.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

OUT = Path(__file__).with_name("district-air-daily.yaml")
YEAR = 2025
HEADER = """\
# 晋安区 2025年环境空气质量日数据（示例，数据为虚构，由 examples/make_district_air.py 生成）
# Jin'an district, daily air data for 2025 (illustrative, made-up figures written by make_district_air.py).
# PM2.5 年均浓度、臭氧年评价浓度（日最大8小时平均第90百分位数）和优良天数比例由日数据计算；
# 2020—2024 年的年均值为填报值，用于“保持稳定”“稳中有降”的逐年比较。
site:
  id: JA-D-0001
  kind: district
  name: 晋安区
  name_en: Jin'an District
  admin_code: "350111"
facts:
  城市细颗粒物（PM2.5）年均浓度:
    source: 2020—2024年生态环境状况公报
    series: {2020: 22.4, 2021: 20.8, 2022: 19.6, 2023: 18.9, 2024: 18.2}
  臭氧（O3）浓度:
    source: 2020—2024年生态环境状况公报
    series: {2020: 142, 2021: 139, 2022: 141, 2023: 136, 2024: 134}
"""
POLLUTANTS = {
    # name in the facts file: (annual level, seasonal swing, noise, digits); winter high for PM, summer for O3
    "PM2.5日均浓度": (16.0, 7.0, 6.0, 0),
    "PM10日均浓度": (30.0, 10.0, 9.0, 0),
    "二氧化硫日均浓度": (5.0, 1.5, 1.2, 0),
    "二氧化氮日均浓度": (19.0, 6.0, 5.0, 0),
    "一氧化碳日均浓度": (0.6, 0.15, 0.1, 1),
    "臭氧日最大8小时平均浓度": (95.0, -35.0, 22.0, 0),
}


def main() -> None:
    rng = random.Random(20250101)
    days = [dt.date(YEAR, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    lines = [HEADER.rstrip("\n")]
    for name, (level, swing, noise, digits) in POLLUTANTS.items():
        lines += [f"  {name}:", "    source: 区空气质量自动监测站日报", "    series:"]
        for day in days:
            season = math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365)
            value = max(0.1 if digits else 1.0, level + swing * season + rng.gauss(0, noise))
            lines.append(f"      {day.isoformat()}: {value:.{digits}f}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
