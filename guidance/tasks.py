"""Background jobs of the guidance app: the city summaries behind the province dashboard."""

import logging

from procrastinate.contrib.django import app

from guidance.summaries import SUMMARY_CRON, city_summaries_count

logger = logging.getLogger(__name__)


@app.periodic(cron=SUMMARY_CRON, periodic_id="city_summaries")
@app.task(
    name="guidance.city_summaries",
    # One count at a time, at most one waiting: a slow count never piles up behind itself.
    lock="guidance.city_summaries",
    queueing_lock="guidance.city_summaries",
)
def city_summaries(timestamp: int) -> None:
    """The periodic task: count every city's figures for the province dashboard."""
    logger.info("Counted the summaries of %d cities.", city_summaries_count())
