"""The page cache: whole pages for anonymous readers (`middleware`), exact by one content version (`version`)."""
