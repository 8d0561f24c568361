"""The words of a fill-in template (:mod:`ict_adoption.io.template`), per language: a
Vietnamese template has no English line, an English one (``lang="en"``) no Vietnamese
instruction."""

from __future__ import annotations

from typing import Any

__all__ = ["WORDS", "ENTER", "INVALID"]

#: what to enter in a cell of each kind, per language
ENTER: dict[str, dict[str, str]] = {
    "vi": {
        "points": "điểm từ 0 đến {max}",
        "share": "tỷ lệ 0–1, hoặc phần trăm như 97%",
        "percent": "phần trăm 0–100 (97 hoặc 97%)",
        "yes_no": "có hoặc không",
        "count": "số nguyên ≥ 0",
        "number": "một số",
    },
    "en": {
        "points": "points, 0 to {max}",
        "share": "a share 0–1, or a percent such as 97%",
        "percent": "a percent 0–100 (97 or 97%)",
        "yes_no": "yes or no (có or không)",
        "count": "a whole number ≥ 0",
        "number": "a number",
    },
}

#: the error Excel shows when a cell's validation fails, per language
INVALID: dict[str, dict[str, str]] = {
    "vi": {"points": "Nhập điểm từ 0 đến {max}", "share": "Nhập tỷ lệ từ 0 đến 1 (hoặc 97%)",
           "percent": "Nhập phần trăm từ 0 đến 100", "yes_no": "Chọn có hoặc không",
           "count": "Nhập số nguyên ≥ 0", "number": "Nhập một số ≥ 0"},
    "en": {"points": "Enter points from 0 to {max}", "share": "Enter a share from 0 to 1 (or 97%)",
           "percent": "Enter a percent from 0 to 100", "yes_no": "Choose có (yes) or không (no)",
           "count": "Enter a whole number ≥ 0", "number": "Enter a number ≥ 0"},
}


#: the template's own words, per language (a Vietnamese template has no English line)
WORDS: dict[str, dict[str, Any]] = {
    "vi": {
        "columns": ("Đơn vị", "Khối", "Ghi chú"),
        "unit_note": "Tên đơn vị (đã điền sẵn theo danh sách)",
        "bloc_note": "Khối: {id} ({name}); để trống = khối của trang này",
        "note_note": "Ghi chú (không bắt buộc)",
        "max_in": "{name} (tối đa {max})",
        "group": "Nhóm", "max": "Tối đa", "points": "điểm", "rule": "Cách tính", "enter": "Nhập",
        "assumed": "Giả định",
        "title": "Mẫu nhập điểm đánh giá mức độ ứng dụng CNTT",
        "title_dti": "Mẫu nhập điểm đánh giá chuyển đổi số",
        "rubric": "Bộ tiêu chí: {title} — {region}:{edition}, năm đánh giá {years}",
        "source": "Căn cứ: {citation}",
        "how": "Cách điền",
        "steps": (
            "1. Mỗi khối một trang tính: {sheets}. Mỗi dòng là một đơn vị; tên đơn vị và khối đã điền sẵn "
            "theo danh sách của bộ tiêu chí (thêm đơn vị vào các dòng trống khi danh sách chưa đầy đủ).",
            "2. Hàng {row} là tiêu đề cột (Đơn vị, Khối, mã tiêu chí, Ghi chú): không sửa hàng này, không đổi "
            "tên trang tính. Ghi chú ở ô tiêu đề cho biết tên, điểm tối đa và cách tính.",
            "3. Nhập giá trị như ghi chú hướng dẫn: điểm (0 đến tối đa), tỷ lệ (0–1 hoặc 97%), phần trăm, "
            "có/không, số lượng. Dấu phẩy hay dấu chấm thập phân đều được.",
            "4. Ô để trống là chưa có số liệu, không phải 0: nhập 0 hoặc “không” khi đơn vị không đạt.",
            "5. Đơn vị không báo cáo: để trống các ô điểm của dòng đó; khi xếp hạng, thêm tùy chọn "
            "--missing exclude để đơn vị đó được ghi là không báo cáo.",
            "6. Cột Ghi chú dành cho ghi chú; không thêm cột khác.",
            "7. Kiểm tra rồi xếp hạng bằng lệnh: ict-adoption validate {spec} {file}, rồi "
            "ict-adoption rank {spec} {file} (hoặc ict-adoption report … để có báo cáo).",
        ),
        "criteria": "Tiêu chí",
        "head": ("Mã", "Tên", "Nhóm", "Cách tính", "Tối đa: {bloc}", "Nguồn gốc"),
        "published": "đã công bố",
        "assumed_status": "giả định: {reason}",
        "assumed_note": "Lưu ý: {n} giá trị của bộ tiêu chí là giả định, chưa có văn bản công bố:",
        "all_published": "Mọi giá trị đều có nguồn công bố.",
    },
    "en": {
        "columns": ("unit", "bloc", "note"),
        "unit_note": "Unit name (pre-filled from the roster)",
        "bloc_note": "Bloc: {id} ({name}); blank = this sheet's bloc",
        "note_note": "Free-text note (optional)",
        "max_in": "{name} (max {max})",
        "group": "Group", "max": "Max", "points": "points", "rule": "Rule", "enter": "Enter",
        "assumed": "Assumed",
        "title": "IT-adoption score sheet",
        "title_dti": "Digital-transformation score sheet",
        "rubric": "Rubric: {title} — {region}:{edition}, assessment years {years}",
        "source": "Source: {citation}",
        "how": "How to fill",
        "steps": (
            "1. One sheet per bloc: {sheets}. One row per unit; unit names and blocs are pre-filled from the "
            "rubric's roster (add units in the empty rows where the roster is open).",
            "2. Row {row} holds the column ids (unit, bloc, criterion ids, note): do not edit it or rename the "
            "sheets. The note on each heading gives the name, the maximum and how points are given.",
            "3. Enter values as each heading's note says: points (0 to the maximum), a share (0–1 or 97%), a "
            "percent, yes/no, a count. A decimal comma or a decimal point are both read.",
            "4. A blank cell is missing, not zero: type 0 or “không” (no) when a unit does not meet a criterion.",
            "5. A unit that did not report: leave its scores blank, and rank with the option --missing exclude "
            "so that it is shown as not reporting.",
            "6. The note column is for remarks; add no other columns.",
            "7. Check, then rank, with the commands: ict-adoption validate {spec} {file}, then "
            "ict-adoption rank {spec} {file} (or ict-adoption report … for a report).",
        ),
        "criteria": "Criteria",
        "head": ("Id", "Name", "Group", "Rule", "Max: {bloc}", "Provenance"),
        "published": "published",
        "assumed_status": "assumed: {reason}",
        "assumed_note": "Note: {n} value(s) of this rubric are assumed, not published:",
        "all_published": "Every value of this rubric is published.",
    },
}
