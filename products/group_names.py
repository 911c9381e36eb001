"""The classification's names in the page's language, through the catalogue.

The names stored (and printed on certificates) are the legal Vietnamese ones of products/classification.py.
Each has an English rendering here, as msgid; the Vietnamese catalogue translates it back to the legal name, so a
Vietnamese page shows exactly what is stored (tests/products/test_group_names.py checks both ways). A name added
in the back office and not listed here is shown as stored, in every language."""

from django.utils.translation import pgettext_lazy

NAMES = {
    # sectors, groups and product sets of 1048/QĐ-TTg
    "Thực phẩm": pgettext_lazy("classification", "Food"),
    "Rau, củ, quả, hạt tươi": pgettext_lazy("classification", "Fresh vegetables, tubers, fruit and nuts"),
    "Thịt, trứng, sữa tươi": pgettext_lazy("classification", "Fresh meat, eggs and milk"),
    "Gạo, ngũ cốc": pgettext_lazy("classification", "Rice and cereals"),
    "Mật ong, sản phẩm từ mật ong, mật khác": pgettext_lazy("classification",
                                                            "Honey, honey products and other syrups"),
    "Chế biến từ gạo, ngũ cốc": pgettext_lazy("classification", "Processed rice and cereals"),
    "Chế biến từ rau, củ, quả, hạt": pgettext_lazy("classification", "Processed vegetables, tubers, fruit and nuts"),
    "Chế biến từ thịt, trứng, sữa": pgettext_lazy("classification", "Processed meat, eggs and milk"),
    "Chế biến từ thủy, hải sản": pgettext_lazy("classification", "Processed fish and seafood"),
    "Đồ ăn nhanh": pgettext_lazy("classification", "Fast food"),
    "Tương, nước mắm, gia vị dạng lỏng khác": pgettext_lazy(
        "classification", "Soy pastes, fish sauce and other liquid seasonings"),
    "Gia vị khác": pgettext_lazy("classification", "Other seasonings"),
    "Chè tươi, chế biến": pgettext_lazy("classification", "Fresh and processed tea"),
    "Các sản phẩm khác từ chè, trà": pgettext_lazy("classification", "Other tea products"),
    "Cà phê, ca cao": pgettext_lazy("classification", "Coffee and cocoa"),
    "Đồ uống": pgettext_lazy("classification", "Drinks"),
    "Rượu trắng": pgettext_lazy("classification", "White spirits"),
    "Đồ uống có cồn khác": pgettext_lazy("classification", "Other alcoholic drinks"),
    "Đồ uống không cồn": pgettext_lazy("classification", "Non-alcoholic drinks"),
    "Nước khoáng thiên nhiên, nước uống tinh khiết": pgettext_lazy(
        "classification", "Natural mineral water and purified drinking water"),
    "Thảo dược": pgettext_lazy("classification", "Herbs"),
    "Thực phẩm chức năng, thuốc từ dược liệu, thuốc YHCT": pgettext_lazy(
        "classification", "Functional foods, herbal medicines and traditional medicines"),
    "Mỹ phẩm": pgettext_lazy("classification", "Cosmetics"),
    "Trang thiết bị, dụng cụ y tế": pgettext_lazy("classification", "Medical equipment and supplies"),
    "Thảo dược khác": pgettext_lazy("classification", "Other herbal products"),
    "Vải và may mặc": pgettext_lazy("classification", "Textiles and garments"),
    "Ngành vải, may mặc": pgettext_lazy("classification", "Textile and garment products"),
    "Lưu niệm – nội thất – trang trí": pgettext_lazy("classification", "Souvenirs, furnishings and decoration"),
    "Thủ công mỹ nghệ gia dụng": pgettext_lazy("classification", "Household handicrafts"),
    "Thủ công mỹ nghệ, trang trí": pgettext_lazy("classification", "Decorative handicrafts"),
    "Dịch vụ du lịch nông thôn, bán hàng": pgettext_lazy("classification", "Rural tourism services and sales"),
    "Dịch vụ du lịch cộng đồng và điểm du lịch": pgettext_lazy(
        "classification", "Community tourism services and tourist sites"),
    # 148/QĐ-TTg
    "Dược liệu và sản phẩm từ dược liệu": pgettext_lazy("classification", "Medicinal herbs and herbal products"),
    "Hàng thủ công mỹ nghệ": pgettext_lazy("classification", "Handicrafts"),
    "Sinh vật cảnh": pgettext_lazy("classification", "Ornamental plants and animals"),
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": pgettext_lazy(
        "classification", "Community tourism, eco-tourism and tourist sites"),
    # 26/2026/QĐ-TTg
    "Tươi sống": pgettext_lazy("classification", "Fresh produce"),
    "Thịt, thủy sản, trứng, sữa tươi": pgettext_lazy("classification", "Fresh meat, fish, eggs and milk"),
    "Thô, sơ chế": pgettext_lazy("classification", "Raw and minimally processed"),
    "Gạo, ngũ cốc, hạt sơ chế": pgettext_lazy("classification", "Rice, cereals and minimally processed grains"),
    "Mật ong, mật khác và nông sản thực phẩm khác": pgettext_lazy(
        "classification", "Honey, other syrups and other farm foods"),
    "Chế biến": pgettext_lazy("classification", "Processed foods"),
    "Chế biến từ thịt, thủy sản, trứng, sữa, mật ong": pgettext_lazy(
        "classification", "Processed meat, fish, eggs, milk and honey"),
    "Gia vị": pgettext_lazy("classification", "Seasonings"),
    "Tương, nước mắm, gia vị lỏng": pgettext_lazy("classification", "Soy pastes, fish sauce and liquid seasonings"),
    "Gia vị khác (muối, hành, tỏi, tiêu…)": pgettext_lazy(
        "classification", "Other seasonings (salt, shallots, garlic, pepper…)"),
    "Chè": pgettext_lazy("classification", "Tea"),
    "Chè tươi, chè chế biến": pgettext_lazy("classification", "Fresh tea and processed tea"),
    "Trà từ thực vật khác": pgettext_lazy("classification", "Infusions of other plants"),
    "Nước khoáng, nước uống đóng chai": pgettext_lazy("classification", "Mineral water and bottled drinking water"),
    "Đồ uống không cồn khác": pgettext_lazy("classification", "Other non-alcoholic drinks"),
    "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền": pgettext_lazy(
        "classification", "Functional foods, herbal medicines and traditional remedies"),
    "Mỹ phẩm từ dược liệu": pgettext_lazy("classification", "Herbal cosmetics"),
    "Tinh dầu và dược liệu khác": pgettext_lazy("classification", "Essential oils and other medicinal herbs"),
    "Thủ công mỹ nghệ": pgettext_lazy("classification", "Arts and crafts"),
    "Vải, may mặc": pgettext_lazy("classification", "Textiles and clothing"),
    "Hoa": pgettext_lazy("classification", "Flowers"),
    "Cây cảnh": pgettext_lazy("classification", "Ornamental plants"),
    "Động vật cảnh": pgettext_lazy("classification", "Ornamental animals"),
}


def display_name(stored: str) -> str:
    """`stored` (a legal Vietnamese name) in the active language; a name not listed is shown as it is."""
    name = NAMES.get(stored)
    return str(name) if name is not None else stored
