"""`panjereh evaluate ROUND [--review | --publish] [--remeasure]`: compute an evaluation round (a Jalali quarter,
e.g. 1403-Q2) from the platform's data; a published round is frozen."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from panjereh.core.errors import DomainError
from panjereh.evaluation.constants import Standing
from panjereh.evaluation.services import round_compute, round_publish, round_to_review


class Command(BaseCommand):
    help = "Compute an evaluation round (e.g. 1403-Q2) from what the platform measured; --publish publishes it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", help="a Jalali quarter, e.g. 1403-Q2")
        parser.add_argument("--review", action="store_true", help="open the computed draft to the agencies' review")
        parser.add_argument("--publish", action="store_true", help="publish the round once computed")
        parser.add_argument("--remeasure", action="store_true", help="measure again instead of re-scoring")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        try:
            evaluation_round = round_compute(code=options["round"], now=now, remeasure=options["remeasure"])
            if options["review"]:
                evaluation_round = round_to_review(code=evaluation_round.code)
            if options["publish"]:
                evaluation_round = round_publish(code=evaluation_round.code, now=now)
        except DomainError as error:
            raise CommandError(error.message) from None
        standings = [r.standing for r in evaluation_round.results.all()]
        self.stdout.write(
            f"{evaluation_round.code}: {len(standings)} agencies, "
            f"{standings.count(Standing.SCORED)} scored, "
            f"{standings.count(Standing.INSUFFICIENT)} with too little data, "
            f"{standings.count(Standing.ABSENT)} took no part; {evaluation_round.state}"
        )
