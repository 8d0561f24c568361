"""The provinces of Việt Nam as rosters: the 63 of 2008–mid 2025 and the 34 after the 2025 merger.

Each entry is ``(name, aliases)``: the name as the rubric lists it and the spellings
published tables use (``"TP. Đà Nẵng"``, ``"Thừa Thiên - Huế"``, ``"Tỉnh Hà Giang"``,
old-style tone marks such as ``"Thanh Hoá"``). Unit names already match ignoring
case and spacing, so aliases cover only what that does not: prefixes, hyphens,
abbreviations and other spellings.

Sources: the 63 units are those of Nghị quyết 15/2008/QH12 (29/5/2008, Quốc hội, on
merging Hà Tây into Hà Nội) onwards; the 34 are those of Nghị quyết 202/2025/QH15
(12/6/2025, Quốc hội, on rearranging provincial units), in force from 1/7/2025.
"""

from __future__ import annotations

__all__ = ["PROVINCES_63", "PROVINCES_34", "CITIES", "aliases_of"]

#: The centrally-run cities (thành phố trực thuộc Trung ương) before the 2025 merger.
CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")

#: Extra spellings beyond the "Tỉnh X" / "TP. X" prefixes that :func:`aliases_of` adds.
_EXTRA: dict[str, tuple[str, ...]] = {
    "Hồ Chí Minh": ("TP.HCM", "TP HCM", "TPHCM", "TP. HCM", "Sài Gòn"),
    "Thừa Thiên Huế": ("Thừa Thiên - Huế", "Thừa Thiên – Huế", "Thừa Thiên-Huế", "Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu", "Bà Rịa-Vũng Tàu", "BR-VT"),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Dak Lak"),
    "Đắk Nông": ("Đắc Nông", "Đăk Nông", "Dak Nong"),
    "Kon Tum": ("Kontum",),
    "Bắc Kạn": ("Bắc Cạn",),
    "Hòa Bình": ("Hoà Bình",),
    "Khánh Hòa": ("Khánh Hoà",),
    "Thanh Hóa": ("Thanh Hoá",),
    "Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế"),
}

#: The 63 provincial units, in the order of the General Statistics Office's code list
#: (north to south).
PROVINCES_63: tuple[str, ...] = (
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên",
    "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh",
    "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên",
    "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi",
    "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai",
    "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai",
    "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng",
    "Bạc Liêu", "Cà Mau",
)

#: The 34 provincial units from 1/7/2025 (Nghị quyết 202/2025/QH15): 11 unchanged, 23 merged.
PROVINCES_34: tuple[str, ...] = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)

_CITIES_2025 = frozenset({"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"})


def aliases_of(name: str, *, after_2025: bool = False) -> tuple[str, ...]:
    """The usual spellings of a province besides ``name``, as published tables write them."""
    cities = _CITIES_2025 if after_2025 else frozenset(CITIES)
    prefixed = (f"TP. {name}", f"TP {name}", f"Thành phố {name}") if name in cities else (f"Tỉnh {name}",)
    return tuple(dict.fromkeys(prefixed + _EXTRA.get(name, ())))
