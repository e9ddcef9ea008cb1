"""Shape statistics: each column says what it claims about a line."""

from __future__ import annotations

import json
from collections import Counter
from itertools import zip_longest
from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.features import shape
from cleaner.features.shape import SHAPE_FEATURES, SPACELESS_CHARS_PER_WORD, shape_stats
from cleaner.features.stopwords import stopwords


def test_counts_words_stopwords_and_punctuation() -> None:
    s = shape_stats(["The talks in Geneva ended without a deal.", "Home | News | Sport"])
    assert s["words"].tolist() == [8.0, 3.0]
    assert s["terminal"].tolist() == [1.0, 0.0]
    assert s["stop_share"][0] > 0.3 and s["stop_share"][1] == 0.0
    assert s["separators"][1] > 0.5 and s["separators"][0] == 0.0


def test_stopwords_are_matched_in_any_case_as_str_lower_would() -> None:
    # Token hashes stand in for lower-cased strings: case does not matter, spelling
    # does, and "İN" lower-cases to "i̇n" (an i and a combining dot), no stopword.
    s = shape_stats(["THE Of aNd", "thee ofF", "İN"])
    assert s["stop_share"].tolist() == [1.0, 0.5, 0.0]
    assert shape_stats(["in"])["stop_share"].tolist() == [1.0]


@given(st.lists(st.lists(st.sampled_from(["the", "The", "THE", "of", "ofF", "İn", "in", "İ",
                                           "und", "Und", "ß", "x", "x1", "_", "é", "É", "😀",
                                           "ke", "के", "\u0301", "Не", "и"]),
                         min_size=1, max_size=6).map(" ".join), min_size=1, max_size=5))
def test_stop_share_is_that_of_str_lower_against_the_stoplists(lines: list[str]) -> None:
    # A token is a run of word characters and combining marks.
    tokens = [regex.findall(r"[\w\p{M}]+", line) for line in lines]
    expected = [sum(t.lower() in stopwords() for t in found) / max(len(found), 1)
                for found in tokens]
    assert shape_stats(lines)["stop_share"].tolist() == pytest.approx(expected)


def test_combining_marks_belong_to_their_word() -> None:
    # Hindi's vowel signs are combining marks: a word is not cut at each of them,
    # nor are they punctuation.
    line = "नगर परिषद ने मंगलवार को बजट को मंजूरी दी"
    s = shape_stats([line])
    assert s["words"].tolist() == [9.0]
    assert s["punct_share"].tolist() == [0.0]


# One sentence of a news story in each language with a stoplist and a script of
# its own. (Not Hebrew: it writes its articles and most prepositions as
# prefixes, so few of its tokens are stopwords.)
SENTENCES = {
    "ru": ("Городской совет во вторник утвердил бюджет на строительство новой библиотеки в "
           "восточной части города."),
    "uk": ("Міська рада у вівторок затвердила бюджет на будівництво нової бібліотеки у "
           "східній частині міста."),
    "el": ("Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον προϋπολογισμό για μια νέα "
           "βιβλιοθήκη στο ανατολικό τμήμα της πόλης."),
    "ar": "وافق مجلس المدينة يوم الثلاثاء على ميزانية لبناء مكتبة جديدة في الجزء الشرقي من المدينة.",
    "fa": "شورای شهر روز سه‌شنبه بودجه‌ای را برای ساخت یک کتابخانه جدید در بخش شرقی شهر تصویب کرد.",
    "hi": ("नगर परिषद ने मंगलवार को शहर के पूर्वी हिस्से में एक नए पुस्तकालय के लिए बजट को "
           "मंजूरी दी।"),
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_prose_in_other_scripts_has_its_stopwords(language: str) -> None:
    # Without a stoplist such prose had a stopword share of 0, as a menu has,
    # and the trees dropped whole articles in Russian or Greek.
    assert shape_stats([SENTENCES[language]])["stop_share"][0] > 0.15


# An Indonesian story under a menu: no stoplist holds Indonesian.
INDONESIAN = ["Beranda", "Politik", "Ekonomi"] + json.loads(
    (Path(__file__).parent.parent / "fixtures" / "stories.json").read_text(encoding="utf-8"))["stories"]["id"]


def test_a_page_in_a_language_without_a_stoplist_has_its_own_stopwords() -> None:
    # Its short words without a capital seen twice ("pada", "dan", "di", "itu")
    # stand in; without them its prose had a stopword share of 0, as its menu has.
    s = shape_stats(INDONESIAN)
    assert s["stop_share"][:3].tolist() == [0.0, 0.0, 0.0]
    assert all(share > 0.1 for share in s["stop_share"][3:])


def test_a_page_the_stoplists_know_keeps_to_them() -> None:
    # "data" is short, lower-case and repeated, but on an English page only the
    # stoplists' words count.
    lines = ["The data was gathered over two years and the data was checked by hand.",
             "They said that the new data would be out in the spring of next year, or later.",
             "data data data"]
    assert shape_stats(lines)["stop_share"][2] == 0.0
    # Spelled in letters no stoplist holds, the same page falls back on its own
    # frequent short words, "data" among them.
    armenian = str.maketrans("abcdefghijklmnopqrstuvwxyz",
                             "".join(map(chr, range(0x561, 0x561 + 26))))
    foreign = shape_stats([line.lower().translate(armenian) for line in lines])
    assert foreign["stop_share"][2] == 1.0
    assert foreign["stop_share"][0] > 0.3


_FINNISH_ISH = st.sampled_from(["on", "ja", "ei", "se", "talo", "Talo", "TALO", "kissa", "x1",
                                "ämpäri", "på", "é", "ve", "kala"])


@given(st.lists(st.lists(_FINNISH_ISH, min_size=10, max_size=16).map(" ".join), max_size=5),
       st.lists(st.lists(_FINNISH_ISH, min_size=1, max_size=4).map(" ".join), max_size=5))
def test_page_stopwords_are_the_short_repeated_words_of_an_unknown_language(
        long_lines: list[str], short_lines: list[str]) -> None:
    # "on" and "se" are stopwords of listed languages (and Finnish words): pages
    # fall on either side of the fallback.
    lines = [line for pair in zip_longest(long_lines, short_lines) for line in pair if line] or ["x"]
    tokens = [regex.findall(r"[\w\p{M}]+", line) for line in lines]
    on_long = [t for found in tokens if len(found) >= shape.FALLBACK_LONG_LINE for t in found]
    known = [t.lower() in stopwords() for t in on_long]
    unknown_language = (len(on_long) >= shape.FALLBACK_MIN_TOKENS
                        and sum(known) / len(on_long) < shape.FALLBACK_BELOW)

    def eligible(token: str) -> bool:
        return (len(token) <= shape.FALLBACK_MAX_LEN and token == token.lower()
                and not regex.search(r"\d", token))

    counts = Counter(t for found in tokens for t in found if eligible(t))
    expected = [sum(t.lower() in stopwords() or (unknown_language and eligible(t)
                                                  and counts[t] >= shape.FALLBACK_MIN_COUNT)
                    for t in found) / max(len(found), 1) for found in tokens]
    assert shape_stats(lines)["stop_share"].tolist() == pytest.approx(expected)


def test_cjk_characters_count_as_words_without_spaces() -> None:
    s = shape_stats(["東京は今日とても晴れていますが、明日は雨が降るでしょう。", "Tokyo"])
    assert s["words"][0] > 10  # one \w+ token, but many words
    assert s["cjk_share"][0] > 0.8 and s["cjk_share"][1] == 0.0
    assert s["stop_share"][0] > 0.0


@pytest.mark.parametrize("line", [
    # Thai, Lao, Khmer, Burmese: "The council approved the budget on Tuesday."
    "สภาเทศบาลเมืองอนุมัติงบประมาณเมื่อวันอังคาร",
    "ສະພາເທດສະບານນະຄອນໄດ້ຮັບຮອງງົບປະມານໃນວັນອັງຄານ",
    "ក្រុមប្រឹក្សាក្រុងបានអនុម័តថវិកាកាលពីថ្ងៃអង្គារ។",
    "မြို့တော်ကောင်စီသည် အင်္ဂါနေ့တွင် ဘတ်ဂျက်ကို အတည်ပြုခဲ့သည်။",
])
def test_alphabets_without_spaces_count_a_word_every_few_characters(line: str) -> None:
    s = shape_stats([line])
    # Before: a clause was one token whatever its length, and each vowel sign
    # cut a word in two.
    assert s["tokens"].tolist() == [0.0]
    assert s["words"][0] == pytest.approx(len(line.replace(" ", "").rstrip("។။")) / SPACELESS_CHARS_PER_WORD)
    assert s["cjk_share"][0] > 0.9 and s["punct_share"][0] < 0.05


def test_khmer_and_burmese_full_stops_end_a_sentence() -> None:
    s = shape_stats(["ក្រុមប្រឹក្សាក្រុងបានអនុម័តថវិកា។", "အတည်ပြုခဲ့သည်။", "ក្រុមប្រឹក្សាក្រុង"])
    assert s["terminal"].tolist() == [1.0, 1.0, 0.0]


def test_shapes_of_urls_emails_prices_times_dates_bullets() -> None:
    s = shape_stats(["see www.example.com", "mail bob@example.org", "only $5 today",
                     "3:38 AM", "January 21, 2022", "- first item", "plain words here"])
    for k, name in enumerate(["url", "email", "price", "time", "date", "bullet"]):
        assert s[name][k] == 1.0, name
        assert s[name][6] == 0.0, name


def test_a_teaser_cut_short_ends_in_an_ellipsis() -> None:
    s = shape_stats(["The new model is trying to stay true to the…", "It debuted in 2001...",
                     "Read the rest [...]", "He waited. Then he left.", "Wait… what?"])
    assert s["ellipsis"].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0]
    assert s["terminal"][0] == 1.0  # an ellipsis still ends the line like a sentence


def test_where_a_renderer_cut_a_sentence_at_its_links() -> None:
    lines = ["Jeremy Clarkson met Mozaffar Shafeie on", "The Fifth Floor", ", on the BBC. Listen on",
             "iPlayer", "or", "download the podcast.", "Home", "World News", "Tags: war,",
             "东京，", "” he said."]
    s = shape_stats(lines)
    assert s["continues"].tolist() == [0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1]
    # A capitalised last word ("Floor", "Home") does not leave its sentence open.
    assert s["runs_on"].tolist() == [1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0]


def test_capitals_and_shouting() -> None:
    s = shape_stats(["NATO SAYS NO", "Barack Obama Visits Paris", "quiet lower case"])
    assert s["upper_share"][0] == 1.0 and s["upper_share"][2] == 0.0
    assert s["cap_share"][1] == 1.0 and s["cap_share"][2] == 0.0


def test_comment_signatures_share_a_template() -> None:
    lines = ["Posted by Jane Doe at 10:32 AM", "I could not agree more with the author.",
             "Posted by Li Wei at 9:05 PM", "Thanks for writing this.", "Jane said...",
             "Anonymous said...", "March 3, 2010 at 4:12 PM", "April 13, 2011 at 11:02 AM"]
    assert shape_stats(lines)["template_repeat"].tolist() == [1, 0, 1, 0, 1, 1, 1, 1]


def test_an_article_shares_no_templates() -> None:
    lines = ["Talks end without a deal", "By Jane Doe", "The ministers met in Geneva on Friday.",
             "Neither side moved.", "Reply", "Reply",
             # Long lines are prose, whatever their shape.
             "The council voted on Monday to close the old bridge to all traffic after engineers"
             " found cracks in two of its piers.",
             "The council voted on Tuesday to open the new bridge to all traffic after engineers"
             " found no cracks in any of its piers."]
    # A lone word or name repeats for other reasons (log_repeat counts those lines).
    assert shape_stats(lines)["template_repeat"].tolist() == [0] * len(lines)


def test_empty_page() -> None:
    s = shape_stats([])
    assert set(s) == set(SHAPE_FEATURES)
    assert all(len(v) == 0 for v in s.values())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1).map(lambda t: t.replace("\n", " ").strip() or "x"),
                max_size=20))
def test_shares_stay_in_range_and_columns_align(lines: list[str]) -> None:
    s = shape_stats(lines)
    for name in SHAPE_FEATURES:
        assert len(s[name]) == len(lines), name
        assert np.all(np.isfinite(s[name])), name
    for name in ("stop_share", "terminal", "cap_share", "upper_share", "digit_share",
                 "punct_share", "letter_share", "cjk_share", "template_repeat"):
        assert np.all((s[name] >= 0) & (s[name] <= 1)), name
