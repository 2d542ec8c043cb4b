"""The facts grammar: how the system reads figures, periods, money, names and citation
markers in questions, report text and answers. Each grammar is written once, here, and
answering, verification, the UI and the CLI import it:

- `markers`: citation markers, "[2]", and as models write them, "[1, 3]", "[passage 2]";
- `numbers`: number words ("twenty-one"), figures as written ("£5.4m", "80%") and as
  values ("1,064" = 1064, "£5.4m" = 5,400,000);
- `periods`: years and financial years ("2023/24", "April 2023 to March 2024");
- `quantities`: money, durations, rates and shares, and what a numeric question counts;
- `names`: capitalised names, and the person-like ones a "who" question wants.

Pure functions over text; no index, no model. Not here: words as search sees them
(`rag.analysis.terms`) and the word lists (`rag.lexicon`). The judge (`eval.metrics`)
keeps its own marker and number-word grammar on purpose (its module says why), and
`tests/eval/test_judge_grammar.py` checks that the two agree.

Import from the submodules (`from rag.facts.periods import periods`): this package
imports nothing itself, so `rag.analysis` can use `rag.facts.numbers` while
`rag.facts.quantities` uses `rag.analysis`.
"""
