"""Headers typed in traditional characters (村編號, 所在區, 鄉鎮, 農村生活污水治理率, 已建成「無廢鄉村」): a county form
copied from a Taiwanese or Hong Kong template, or typed with a traditional input method, names the same columns.

A header is tried as written first, then with these characters folded to their simplified forms
(`columns.Matcher`), so 村編號 is 村编号 and 農村自來水普及率 is 农村自来水普及率, as the cells' place names are
folded by the division table's `traditional` characters (晉安區 is 晋安区). The table holds the traditional forms
of the characters of the catalogue's metric names and of the site fields' headers (one simplified character each,
so folding never guesses), and 「」『』 as “” (the quotes of 已建成“无废乡村”).
"""

from __future__ import annotations

_TRADITIONAL = (
    "並佔來個備傳價償優儲內兩別刪剛創劃動務勝區協員問啓啟單噸嚴國園圖執報場塊塗塵壇學實寧審寫專對導屬峯嶺帶幹庫廈廠廢張強後徑"
    "復惡態應戰戶掃採揚揮損撈據擠數斷於時晉暢書會條棄棲業構樁樂樓標樞樣樹機橫檔檢歷氣汙沒況洩淨減測準溼滿漁潔潤澇濃濕濟灣災為"
    "無煙燒營爐爲現環產異當療發監確碼礎礦種稱積穩節範築篔簹籌糞約紅納紐級細組結絡給統經綜綠維網綿線編緩縣總織續罰羣聯職臺與興"
    "舉舊莊華萬蓋藍蘇處號術衝補裝規視親觀計記設許診評試該認說説調請論諧證識護讀變豬貨貫責費資質跡踐車軸較輔輕輛輪輸輻轉辦農連"
    "進遊運達違遙遞遺還邊鄉醫銜銷錄錯錳鍋鎮鏈鐵長門開間閩關階際險隱雞離電靜響項須預領頭顆題類顯風飲養餘饋馬騰體魚鳳鹽麗點黨"
)
_SIMPLIFIED = (
    "并占来个备传价偿优储内两别删刚创划动务胜区协员问启启单吨严国园图执报场块涂尘坛学实宁审写专对导属峰岭带干库厦厂废张强后径"
    "复恶态应战户扫采扬挥损捞据挤数断于时晋畅书会条弃栖业构桩乐楼标枢样树机横档检历气污没况泄净减测准湿满渔洁润涝浓湿济湾灾为"
    "无烟烧营炉为现环产异当疗发监确码础矿种称积稳节范筑筼筜筹粪约红纳纽级细组结络给统经综绿维网绵线编缓县总织续罚群联职台与兴"
    "举旧庄华万盖蓝苏处号术冲补装规视亲观计记设许诊评试该认说说调请论谐证识护读变猪货贯责费资质迹践车轴较辅轻辆轮输辐转办农连"
    "进游运达违遥递遗还边乡医衔销录错锰锅镇链铁长门开间闽关阶际险隐鸡离电静响项须预领头颗题类显风饮养余馈马腾体鱼凤盐丽点党"
)
_FOLD = str.maketrans(_TRADITIONAL + "「」『』", _SIMPLIFIED + "“”“”")


def simplified(header: str) -> str:
    """The header with its traditional characters (and corner quotes) folded: what it names in simplified ones."""
    return header.translate(_FOLD)
