"""The assessment engine's parts that are not domain rules: loading the templates of
`dpia/` and rendering assessments as Markdown and PDF. The workflow and the pre-scan's
decision rule are in `governance.domain` (assessment, prescan); the use cases in
`governance.dpia_service`."""
