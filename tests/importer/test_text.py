from importer.legacy_urls import candidate_keys, normalise_path
from importer.nukeviet import text


def test_titles_lose_nukeviet_entities():
    stored = "Hướng dẫn tuyên truyền Ngày Báo chí &#40;21&#x002F;6&#41; &amp; &#x3A; &#33;"
    assert text.title(stored) == "Hướng dẫn tuyên truyền Ngày Báo chí (21/6) & : !"


def test_double_encoded_vietnamese_is_repaired():
    broken = "Đảng bộ tỉnh".encode().decode("latin-1")
    assert text.title(broken) == "Đảng bộ tỉnh"
    assert text.title("Đảng bộ tỉnh") == "Đảng bộ tỉnh"


def test_plain_keeps_paragraphs():
    assert text.plain("<p>Một&nbsp;hai</p><p>Ba<br>bốn</p>") == "Một hai\nBa\nbốn"


def test_every_spelling_of_an_old_address_has_one_key():
    key = "/news/tin-tuc/hoi-nghi-12"
    assert normalise_path("/news/tin-tuc/hoi-nghi-12.html") == key
    assert key in candidate_keys("/vi/news/tin-tuc/hoi-nghi-12.html")
    assert key in candidate_keys("/index.php/vi/news/tin-tuc/hoi-nghi-12.html")
    assert candidate_keys("/index.php", "language=vi&nv=news&op=tin-tuc/hoi-nghi-12.html") == [key]
    assert candidate_keys("/News/Tin-Tuc/Hoi-Nghi-12.html")[0] == key
    assert candidate_keys("/voting/", "vid=4&checkss=x") == ["/voting?vid=4"]


def test_nul_characters_are_dropped():
    assert text.title("Hội\x00 nghị") == "Hội nghị"
    assert text.body("<p>a\x00b</p>") == "<p>ab</p>"


def test_status_of_an_article_in_a_suspended_category_is_undone():
    from importer.nukeviet.news import decode_status

    assert decode_status(1) == ("published", False)
    assert decode_status(5) == ("pending", False)
    # A published article whose category NukeViet suspended: 1 + 21.
    assert decode_status(22) == ("published", True)
    assert decode_status(15) == ("draft", False)  # unknown: kept out of sight
