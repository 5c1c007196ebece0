from django.urls import path

from articles import pdf, views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("<slug:slug>/pdf/", pdf.ArticlePdfView.as_view(), name="article-pdf"),
]
