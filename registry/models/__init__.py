from registry.models.ikm_words import IkmWord, NameWord
from registry.models.ikms import Ikm, Product, YearlySnapshot
from registry.models.kbli import Kbli
from registry.models.proposals import ChangeProposal
from registry.models.sentras import Sentra

__all__ = [
    "ChangeProposal",
    "Ikm",
    "IkmWord",
    "Kbli",
    "NameWord",
    "Product",
    "Sentra",
    "YearlySnapshot",
]
