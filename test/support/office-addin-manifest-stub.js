// office-addin-mock only needs the OfficeApp enum from office-addin-manifest.
module.exports = {
  OfficeApp: {
    Excel: "excel", OneNote: "onenote", Outlook: "outlook", Project: "project",
    PowerPoint: "powerpoint", Word: "word",
  },
};
