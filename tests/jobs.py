"""Run the task queue's jobs inside a test, as the worker would.

The worker (`manage.py procrastinate worker`) runs a sync task in a thread of its own, on a
database connection of its own, which cannot see the rows of a test's transaction that was
never committed. `run_queued_jobs` takes the jobs from the same queue table with the same
queries (procrastinate's job manager: fetch, then finish as succeeded or failed), on the
test's connection, and runs each task here. `tests/licensing/test_reminders.py` also runs the
real worker once, in a transactional test.
"""

from asgiref.sync import async_to_sync
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.jobs import Status


def run_queued_jobs() -> list[str]:
    """Run every job waiting in the queue, in order; the task names run.

    A job that raises is finished as failed and the exception propagates.
    """
    manager = app.job_manager
    worker_id = async_to_sync(manager.register_worker)()
    ran = []
    try:
        while job := async_to_sync(manager.fetch_job)(queues=None, worker_id=worker_id):
            # Django's connection hands JSON columns over as text: the model decodes them.
            task_kwargs = ProcrastinateJob.objects.get(pk=job.id).args
            try:
                app.tasks[job.task_name](**task_kwargs)
            except Exception:
                async_to_sync(manager.finish_job)(job, status=Status.FAILED, delete_job=False)
                raise
            async_to_sync(manager.finish_job)(job, status=Status.SUCCEEDED, delete_job=False)
            ran.append(job.task_name)
    finally:
        async_to_sync(manager.unregister_worker)(worker_id)
    return ran


def queued(task_name: str) -> list[dict]:
    """The arguments of the jobs of `task_name` waiting in the queue."""
    jobs = ProcrastinateJob.objects.filter(task_name=task_name, status="todo").order_by("id")
    return [job.args for job in jobs]
