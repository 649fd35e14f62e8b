from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views import defaults
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    pass


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    pass


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass


set_language = login_not_required(require_POST(django_set_language))


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page declares: send them to the real icon."""
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
def permission_denied(request, exception=None):
    return defaults.permission_denied(request, exception, template_name="errors/403.html")


@login_not_required
def page_not_found(request, exception=None):
    return defaults.page_not_found(request, exception, template_name="errors/404.html")


@login_not_required
def server_error(request):
    return defaults.server_error(request, template_name="errors/500.html")
